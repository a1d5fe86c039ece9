// Recomputes vehicle_maintenance (next due date and items) for the vehicles marked in
// maintenance_dirty by the triggers of migration 0100, set-based: the same prediction as
// src/domain/maintenance/predict.ts (a test checks that both agree). The daily run calls it
// first, so E01 then finds its vehicles through vehicle_maintenance_due_idx.
//
// Steps go through temp tables that are ANALYZEd: one big CTE left the planner guessing one row
// per step (a DELETE … RETURNING has no statistics), and its nested loops made a location's first
// run (every vehicle dirty) quadratic.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { DEFAULT_DAILY_USE, GROUP_WINDOW_DAYS, KM_PER_MILE } from '../../domain/maintenance/predict.ts';
import { execSql } from '../sql/exec.ts';

/** Does visit v's lines text cover item it (the needles are lower-cased once, see mnt_item). */
const covers = `(v.lines IS NULL OR position(it.n_code IN v.lines) > 0 OR position(it.n_en IN v.lines) > 0
  OR position(it.n_fr IN v.lines) > 0 OR position(it.n_es IN v.lines) > 0)`;

/**
 * Which marked vehicles to take: all of them, or those of the locations in a temp table of
 * (org_id, location_id): run_locs (the daily run's) or mnt_scope (the background job's).
 */
export type RefreshScope = 'all' | 'run_locs' | 'mnt_scope';

const inScope = (scope: RefreshScope) =>
  scope === 'all' ? '' : `WHERE (v.org_id, v.location_id) IN (SELECT org_id, location_id FROM ${scope})`;

/**
 * The advisory lock key of a location's maintenance refresh. The daily run waits for it; the
 * background job only tries it, so the two never refresh one location at once and never deadlock.
 */
export const maintenanceLockKey = (org: string, location: string) =>
  `hashtextextended('maintenance/' || ${org} || '/' || ${location}, 7300200)`;

// An odometer reading packed in one bigint, (day number << 32) + value, so that min() and max()
// give the first and the last reading in (date, value) order without sorting each vehicle's history.
const packReading = (on: string, value: string) =>
  `(((${on}) - date '2000-01-01')::bigint << 32) + (${value})`;
const readingOn = (k: string) => `(date '2000-01-01' + ((${k}) >> 32)::int)`;
const readingValue = (k: string) => `((${k}) & 4294967295)`;

const steps = (scope: RefreshScope) => [
  ...(scope === 'run_locs'
    ? [
        `SELECT pg_advisory_xact_lock(${maintenanceLockKey('org_id', 'location_id')}) FROM (SELECT org_id, location_id FROM run_locs ORDER BY 1, 2) l`,
      ]
    : []),
  'DROP TABLE IF EXISTS mnt_veh, mnt_ro, mnt_stat, mnt_vr, mnt_item, mnt_visit, mnt_pred',
  // A location's first run sorts and hashes millions of rows: let it do so in memory.
  "SET LOCAL work_mem = '128MB'",
  // 1. The marked vehicles, looked up by key once each (OFFSET 0 keeps the planner from joining
  // run_locs first and probing vehicles once per location); their marks are removed before
  // anything is recomputed.
  `CREATE TEMP TABLE mnt_veh ON COMMIT DROP AS
   SELECT v.* FROM (SELECT v.org_id, v.id, v.location_id, v.make, v.model, v.usage_unit, v.delivery_date, v.captured_on
                    FROM maintenance_dirty d JOIN vehicles v ON v.org_id = d.org_id AND v.id = d.vehicle_id OFFSET 0) v
   ${inScope(scope)}`,
  'ANALYZE mnt_veh',
  'DELETE FROM maintenance_dirty d USING mnt_veh m WHERE d.org_id = m.org_id AND d.vehicle_id = m.id',
  // 2. Their closed repair orders, read once for the odometer history and the maintenance visits.
  `CREATE TEMP TABLE mnt_ro ON COMMIT DROP AS
   SELECT ro.org_id, ro.id, ro.vehicle_id, ro.closed_on, ro.odometer, ro.is_maintenance
   FROM mnt_veh m JOIN repair_orders ro ON ro.org_id = m.org_id AND ro.vehicle_id = m.id AND ro.closed_on IS NOT NULL
   WHERE ro.status = 'closed'`,
  // First and last reading of each (odometer readings and repair order odometers).
  `CREATE TEMP TABLE mnt_stat ON COMMIT DROP AS
   SELECT org_id, vehicle_id, min(k) AS lo, max(k) AS hi
   FROM (SELECT r.org_id, r.vehicle_id, ${packReading('r.read_on', 'r.value')} AS k
         FROM mnt_veh m JOIN odometer_readings r ON r.org_id = m.org_id AND r.vehicle_id = m.id
         UNION ALL
         SELECT org_id, vehicle_id, ${packReading('closed_on', 'odometer')} FROM mnt_ro WHERE odometer IS NOT NULL) x
   GROUP BY org_id, vehicle_id`,
  // 3. Each vehicle with its schedule (the most specific of make/model, make, default) and its
  // usage rate: average daily use from the first to the last reading, or the unit's default.
  `CREATE TEMP TABLE mnt_vr ON COMMIT DROP AS
   SELECT m.org_id, m.id, m.location_id, m.usage_unit, m.delivery_date, m.captured_on, sc.schedule_id,
          ${readingOn('st.lo')} AS first_on, ${readingValue('st.lo')} AS first_val,
          ${readingOn('st.hi')} AS last_on, ${readingValue('st.hi')} AS last_val,
          CASE WHEN ${readingOn('st.hi')} > ${readingOn('st.lo')} AND ${readingValue('st.hi')} > ${readingValue('st.lo')}
               THEN (${readingValue('st.hi')} - ${readingValue('st.lo')})::float8 / (${readingOn('st.hi')} - ${readingOn('st.lo')})
               ELSE CASE m.usage_unit WHEN 'mi' THEN ${DEFAULT_DAILY_USE.mi} WHEN 'h' THEN ${DEFAULT_DAILY_USE.h} ELSE ${DEFAULT_DAILY_USE.km} END END AS rate
   FROM mnt_veh m
   LEFT JOIN mnt_stat st ON st.org_id = m.org_id AND st.vehicle_id = m.id
   LEFT JOIN (SELECT DISTINCT ON (m.org_id, m.id) m.org_id, m.id, s.id AS schedule_id
              FROM mnt_veh m JOIN maintenance_schedules s ON s.org_id = m.org_id AND s.location_id = m.location_id
               AND (s.make IS NULL OR lower(s.make) = lower(m.make)) AND (s.model IS NULL OR lower(s.model) = lower(m.model))
              ORDER BY m.org_id, m.id, (s.model IS NOT NULL) DESC, (s.make IS NOT NULL) DESC, s.id) sc
     ON sc.org_id = m.org_id AND sc.id = m.id`,
  'ANALYZE mnt_vr',
  // The schedule items they use, with the texts a visit's lines are searched for.
  `CREATE TEMP TABLE mnt_item ON COMMIT DROP AS
   SELECT it.org_id, it.schedule_id, it.code, it.description, it.every_months, it.every_km, it.every_hours,
          nullif(lower(it.code), '') AS n_code, nullif(lower(it.description->>'en'), '') AS n_en,
          nullif(lower(it.description->>'fr'), '') AS n_fr, nullif(lower(it.description->>'es'), '') AS n_es
   FROM maintenance_schedule_items it
   WHERE (it.org_id, it.schedule_id) IN (SELECT DISTINCT org_id, schedule_id FROM mnt_vr)`,
  'ANALYZE mnt_item',
  // 4. Their maintenance visits, each with its lines as one lower-case text (NULL: no lines, covers every item).
  `CREATE TEMP TABLE mnt_visit ON COMMIT DROP AS
   SELECT ro.org_id, ro.vehicle_id, ro.closed_on, ro.odometer, l.lines
   FROM mnt_ro ro
   LEFT JOIN LATERAL (SELECT string_agg(lower(l.description), ' | ') AS lines FROM repair_order_lines l
                      WHERE l.org_id = ro.org_id AND l.repair_order_id = ro.id) l ON true
   WHERE ro.is_maintenance`,
  'ANALYZE mnt_visit',
  // 5. Each schedule item: when last done (the latest visit covering it; packed like a reading,
  // odometer + 1 so that 0 stands for none), then when due next.
  `CREATE TEMP TABLE mnt_pred ON COMMIT DROP AS
   WITH done AS (
     SELECT m.org_id, m.id, it.code, max(${packReading('v.closed_on', 'coalesce(v.odometer + 1, 0)')}) AS k
     FROM mnt_vr m
     JOIN mnt_item it ON it.org_id = m.org_id AND it.schedule_id = m.schedule_id
     JOIN mnt_visit v ON v.org_id = m.org_id AND v.vehicle_id = m.id AND ${covers}
     GROUP BY m.org_id, m.id, it.code),
   item AS (
     SELECT m.org_id, m.id, m.location_id, m.schedule_id, m.delivery_date, m.captured_on, m.first_on, m.first_val, m.last_on, m.last_val, m.rate,
            it.code, it.every_months,
            CASE m.usage_unit WHEN 'h' THEN it.every_hours WHEN 'mi' THEN round(it.every_km / ${KM_PER_MILE})::int ELSE it.every_km END AS lim,
            ${readingOn('dn.k')} AS done_on, nullif(${readingValue('dn.k')}, 0) - 1 AS done_odo
     FROM mnt_vr m
     JOIN mnt_item it ON it.org_id = m.org_id AND it.schedule_id = m.schedule_id
     LEFT JOIN done dn ON dn.org_id = m.org_id AND dn.id = m.id AND dn.code = it.code),
   base AS (
     SELECT item.*,
            CASE WHEN done_on IS NOT NULL THEN done_on ELSE coalesce(delivery_date, first_on, captured_on) END AS base_on,
            CASE WHEN done_on IS NOT NULL THEN coalesce(done_odo, CASE WHEN last_on IS NULL THEN 0 ELSE greatest(0, round((last_val + rate * (done_on - last_on))::numeric))::int END)
                 WHEN delivery_date IS NOT NULL THEN 0 ELSE coalesce(first_val, 0) END AS base_odo
     FROM item),
   due AS (
     SELECT base.*,
            CASE WHEN every_months IS NOT NULL THEN (base_on + make_interval(months => every_months))::date END AS by_time,
            CASE WHEN lim IS NOT NULL THEN base_odo + lim END AS due_odo,
            CASE WHEN lim IS NOT NULL THEN
              CASE WHEN last_on IS NOT NULL AND last_on >= base_on THEN last_on + ceil((base_odo + lim - last_val) / rate)::int
                   ELSE base_on + ceil(lim / rate)::int END END AS by_dist
     FROM base)
   SELECT org_id, id, location_id, schedule_id, code, due_odo, least(by_time, by_dist) AS due_on,
          min(least(by_time, by_dist)) OVER (PARTITION BY org_id, id) AS next_due_on
   FROM due`,
  // 6. One row per vehicle: the first due date and the items due within the group window of it.
  `INSERT INTO vehicle_maintenance (org_id, vehicle_id, location_id, next_due_on, next_due_odometer, items, computed_at)
   SELECT m.org_id, m.id, m.location_id, agg.next_due_on, agg.next_due_odometer, coalesce(agg.items, '[]'::jsonb), now()
   FROM mnt_veh m
   LEFT JOIN (
     SELECT p.org_id, p.id, min(p.next_due_on) AS next_due_on,
            min(p.due_odo) FILTER (WHERE p.due_on <= p.next_due_on + ${GROUP_WINDOW_DAYS}) AS next_due_odometer,
            coalesce(jsonb_agg(jsonb_build_object('code', p.code, 'description', it.description, 'due_on', p.due_on, 'due_odometer', p.due_odo)
                     ORDER BY p.due_on, p.code) FILTER (WHERE p.due_on <= p.next_due_on + ${GROUP_WINDOW_DAYS}), '[]'::jsonb) AS items
     FROM mnt_pred p JOIN mnt_item it ON it.org_id = p.org_id AND it.schedule_id = p.schedule_id AND it.code = p.code
     GROUP BY p.org_id, p.id) agg ON agg.org_id = m.org_id AND agg.id = m.id
   ON CONFLICT (org_id, vehicle_id) DO UPDATE SET location_id = excluded.location_id, next_due_on = excluded.next_due_on,
     next_due_odometer = excluded.next_due_odometer, items = excluded.items, computed_at = excluded.computed_at
   -- An unchanged prediction is not written again (a new row version and its index entries each).
   WHERE (vehicle_maintenance.location_id, vehicle_maintenance.next_due_on, vehicle_maintenance.next_due_odometer, vehicle_maintenance.items)
         IS DISTINCT FROM (excluded.location_id, excluded.next_due_on, excluded.next_due_odometer, excluded.items)`,
];

/** Returns how many vehicles were recomputed. Runs in the caller's transaction, or its own. */
export async function refreshMaintenance(db: Kysely<DB>, scope: RefreshScope = 'all'): Promise<number> {
  const run = async (trx: Kysely<DB>) => {
    let affected = 0;
    for (const statement of steps(scope)) affected = (await execSql(trx, statement)).affected;
    return affected;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}
