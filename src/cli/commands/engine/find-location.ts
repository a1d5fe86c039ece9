// --location CODE (and --org ID when the code exists in several organizations) → the location.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { UsageError } from '../../command.ts';

export async function findLocation(db: Kysely<DB>, code: string, org?: string) {
  let q = db
    .selectFrom('locations')
    .select(['org_id', 'id', 'code', 'name', 'time_zone'])
    .where('code', '=', code);
  if (org !== undefined) {
    if (!/^\d+$/.test(org)) throw new UsageError(`--org must be an organization id (got "${org}")`);
    q = q.where('org_id', '=', Number(org));
  }
  const rows = await q.execute();
  if (rows.length === 0)
    throw new UsageError(`no location with code "${code}"${org ? ` in organization ${org}` : ''}`);
  if (rows.length > 1)
    throw new UsageError(
      `location code "${code}" exists in organizations ${rows.map((r) => r.org_id).join(', ')}: add --org ID`,
    );
  return rows[0]!;
}
