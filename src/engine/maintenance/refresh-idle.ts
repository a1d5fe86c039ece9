// The background side of the maintenance prediction: every few minutes, recompute the vehicles
// marked since (a visit closed, a reading typed, a schedule edited) for every location no daily
// run is deciding at that moment. Predictions stay fresh through the day, and a location's daily
// run finds little left to recompute (it still recomputes whatever is marked, see run-day.ts).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { execSql } from '../sql/exec.ts';
import { maintenanceLockKey, refreshMaintenance } from './refresh.ts';

export interface IdleRefreshResult {
  locations: number;
  vehicles: number;
}

export async function refreshIdleLocations(db: Kysely<DB>): Promise<IdleRefreshResult> {
  return db.transaction().execute(async (trx) => {
    await execSql(trx, 'DROP TABLE IF EXISTS mnt_scope');
    // The locations with marked vehicles whose lock is free (a busy one waits for the next tick).
    await execSql(
      trx,
      `CREATE TEMP TABLE mnt_scope ON COMMIT DROP AS
       SELECT org_id, location_id FROM (
         SELECT DISTINCT v.org_id, v.location_id FROM maintenance_dirty d JOIN vehicles v ON v.org_id = d.org_id AND v.id = d.vehicle_id
         ORDER BY 1, 2) l
       WHERE pg_try_advisory_xact_lock(${maintenanceLockKey('l.org_id', 'l.location_id')})`,
    );
    const { rows } = await execSql<{ n: number }>(trx, 'SELECT count(*)::int AS n FROM mnt_scope');
    const locations = rows[0]?.n ?? 0;
    if (locations === 0) return { locations, vehicles: 0 };
    await execSql(trx, 'ANALYZE mnt_scope');
    return { locations, vehicles: await refreshMaintenance(trx, 'mnt_scope') };
  });
}
