// --location CODE [--org ID] → the location; a code used by several organizations needs --org.
import type { Kysely } from 'kysely';
import type { DB, Location } from '../../../db/schema.ts';
import { UsageError } from '../../command.ts';

export async function findLocationByCode(
  db: Kysely<DB>,
  code: string,
  org: string | undefined,
): Promise<Location> {
  let q = db.selectFrom('locations').selectAll().where('code', '=', code);
  if (org !== undefined) {
    if (!/^\d+$/.test(org)) throw new UsageError(`--org must be an organization id (got "${org}")`);
    q = q.where('org_id', '=', Number(org));
  }
  const rows = await q.limit(2).execute();
  if (!rows.length) throw new UsageError(`no location with code "${code}"`);
  if (rows.length > 1) throw new UsageError(`several organizations have a location "${code}": add --org ID`);
  return rows[0]!;
}
