// Reads ACROSS organizations, for the operator of the installation only (billing, paid
// options). Named unsafe… so they stand out: never call them from a tenant route.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export async function unsafeListAllLocations(
  db: Kysely<DB>,
  options: { after: number; limit: number; orgId?: number },
) {
  let q = db
    .selectFrom('locations')
    .innerJoin('organizations', 'organizations.id', 'locations.org_id')
    .select([
      'locations.id',
      'locations.org_id',
      'organizations.name as org_name',
      'locations.code',
      'locations.name',
      'locations.email_enabled',
      'locations.postcards_enabled',
      'locations.sms_enabled',
    ])
    .where('locations.id', '>', options.after)
    .orderBy('locations.id')
    .limit(options.limit + 1);
  if (options.orgId) q = q.where('locations.org_id', '=', options.orgId);
  return q.execute();
}

/** Messages sent per location, channel and month (by sent_at, UTC months). */
export async function unsafeUsageByLocation(db: Kysely<DB>, from: Date, to: Date, orgId?: number) {
  let q = db
    .selectFrom('messages')
    .select([
      'org_id',
      'location_id',
      'channel',
      sql<string>`to_char(date_trunc('month', sent_at AT TIME ZONE 'UTC'), 'YYYY-MM')`.as('month'),
      sql<number>`count(*)::int`.as('count'),
    ])
    .where('status', '=', 'sent')
    .where('sent_at', '>=', from)
    .where('sent_at', '<', to);
  if (orgId) q = q.where('org_id', '=', orgId);
  return q
    .groupBy(['org_id', 'location_id', 'channel', sql`4`])
    .orderBy('org_id')
    .orderBy('location_id')
    .orderBy(sql`4`)
    .orderBy('channel')
    .execute();
}
