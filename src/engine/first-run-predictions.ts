// A location that has never been run has no maintenance predictions yet: its first daily run
// predicts every vehicle (backfillNewLocations, migration 0101). The preview needs them too, and
// redoing them in each preview's rolled-back transaction cost 0.6 s of its 1.5 s at the small
// bench size (3,497 customers) on every call. They are derived data (the maintenance-refresh job
// writes the same rows through the day), so this step keeps them, once, in its own transaction:
// what the first run then decides is unchanged, it just finds them already made.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { execSql } from './sql/exec.ts';
import { backfillNewLocations } from './run-day.ts';
import { refreshMaintenance } from './maintenance/refresh.ts';

/** Predicts a never-run location's vehicles and records it as predicted; false when it already was. */
export async function predictNeverRunLocation(
  db: Kysely<DB>,
  orgId: number,
  locationId: number,
  now: Date,
): Promise<boolean> {
  const known = await db
    .selectFrom('engine_location_state')
    .select('location_id')
    .where('org_id', '=', orgId)
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  if (known) return false;
  await db.transaction().execute(async (trx) => {
    await execSql(trx, 'DROP TABLE IF EXISTS run_locs');
    // The scope refreshMaintenance and backfillNewLocations read (the daily run's table, reduced).
    await execSql(
      trx,
      `CREATE TEMP TABLE run_locs ON COMMIT DROP AS
       SELECT org_id, id AS location_id FROM locations WHERE org_id = $1 AND id = $2`,
      [orgId, locationId],
    );
    await backfillNewLocations(trx, now.toISOString());
    await refreshMaintenance(trx, 'run_locs');
  });
  return true;
}
