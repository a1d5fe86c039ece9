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

/** Which dirty vehicles to take: all of them, or those of the daily run's locations (run_locs). */
export type RefreshScope = 'all' | 'run_locations';

const inScope = (scope: RefreshScope) =>
  scope === 'all' ? '' : 'WHERE (v.org_id, v.location_id) IN (SELECT org_id, location_id FROM run_locs)';

const steps = (scope: RefreshScope) => [
  'DROP TABLE IF EXISTS mnt_veh, mnt_item, mnt_visit, mnt_pred',
  // A location's first run sorts and hashes millions of rows: let it do so in memory.
  "SET LOCAL work_mem = '128MB'",
  // 1. The vehicles to recompute, with their schedule, usage rate and odometer reference.
  `CREATE TEMP TABLE mnt_veh (org_id bigint, id bigint, location_id bigint, usage_unit text, delivery_date date, captured_on date,
     schedule_id bigint, first_on date, first_val numeric, last_on date, last_val numeric, rate float8) ON COMMIT DROP`,
  // Marked vehicles are looked up by key (a DELETE … USING vehicles, run_locs probed vehicles once
  // per location), then their marks are removed before anything is recomputed.
  `INSERT INTO mnt_veh (org_id, id, location_id, usage_unit, delivery_date, captured_on)
   SELECT v.org_id, v.id, v.location_id, v.usage_unit, v.delivery_date, v.captured_on
   FROM maintenance_dirty d JOIN vehicles v ON v.org_id = d.org_id AND v.id = d.vehicle_id
   ${inScope(scope)}`,
  'ANALYZE mnt_veh',
  'DELETE FROM maintenance_dirty d USING mnt_veh m WHERE d.org_id = m.org_id AND d.vehicle_id = m.id',
  `UPDATE mnt_veh m SET schedule_id = s.schedule_id
   FROM (SELECT DISTINCT ON (v.org_id, v.id) v.org_id, v.id, s.id AS schedule_id
         FROM mnt_veh m JOIN vehicles v ON v.org_id = m.org_id AND v.id = m.id
         JOIN maintenance_schedules s ON s.org_id = v.org_id AND s.location_id = v.location_id
          AND (s.make IS NULL OR lower(s.make) = lower(v.make)) AND (s.model IS NULL OR lower(s.model) = lower(v.model))
         ORDER BY v.org_id, v.id, (s.model IS NOT NULL) DESC, (s.make IS NOT NULL) DESC, s.id) s
   WHERE s.org_id = m.org_id AND s.id = m.id`,
  `UPDATE mnt_veh m SET first_on = st.first_on, first_val = st.first_val, last_on = st.last_on, last_val = st.last_val,
          rate = CASE WHEN st.last_on > st.first_on AND st.last_val > st.first_val
                      THEN (st.last_val - st.first_val)::float8 / (st.last_on - st.first_on) END
   FROM (SELECT org_id, vehicle_id,
                (array_agg(on_ ORDER BY on_, value))[1] AS first_on, (array_agg(value ORDER BY on_, value))[1] AS first_val,
                (array_agg(on_ ORDER BY on_ DESC, value DESC))[1] AS last_on, (array_agg(value ORDER BY on_ DESC, value DESC))[1] AS last_val
         FROM (SELECT r.org_id, r.vehicle_id, r.read_on AS on_, r.value FROM odometer_readings r JOIN mnt_veh m ON m.org_id = r.org_id AND m.id = r.vehicle_id
               UNION ALL
               SELECT ro.org_id, ro.vehicle_id, ro.closed_on, ro.odometer FROM repair_orders ro JOIN mnt_veh m ON m.org_id = ro.org_id AND m.id = ro.vehicle_id
               WHERE ro.status = 'closed' AND ro.closed_on IS NOT NULL AND ro.odometer IS NOT NULL) rd
         GROUP BY org_id, vehicle_id) st
   WHERE st.org_id = m.org_id AND st.vehicle_id = m.id`,
  `UPDATE mnt_veh SET rate = CASE usage_unit WHEN 'mi' THEN ${DEFAULT_DAILY_USE.mi} WHEN 'h' THEN ${DEFAULT_DAILY_USE.h} ELSE ${DEFAULT_DAILY_USE.km} END
   WHERE rate IS NULL`,
  // The schedule items they use, with the texts a visit's lines are searched for.
  `CREATE TEMP TABLE mnt_item ON COMMIT DROP AS
   SELECT it.org_id, it.schedule_id, it.code, it.description, it.every_months, it.every_km, it.every_hours,
          nullif(lower(it.code), '') AS n_code, nullif(lower(it.description->>'en'), '') AS n_en,
          nullif(lower(it.description->>'fr'), '') AS n_fr, nullif(lower(it.description->>'es'), '') AS n_es
   FROM maintenance_schedule_items it
   WHERE (it.org_id, it.schedule_id) IN (SELECT DISTINCT org_id, schedule_id FROM mnt_veh)`,
  'ANALYZE mnt_item',
  // 2. Their closed maintenance visits, each with its lines as one lower-case text (NULL: no lines, covers every item).
  `CREATE TEMP TABLE mnt_visit ON COMMIT DROP AS
   SELECT ro.org_id, ro.vehicle_id, ro.closed_on, ro.odometer, l.lines
   FROM repair_orders ro JOIN mnt_veh m ON m.org_id = ro.org_id AND m.id = ro.vehicle_id
   LEFT JOIN LATERAL (SELECT string_agg(lower(l.description), ' | ') AS lines FROM repair_order_lines l
                      WHERE l.org_id = ro.org_id AND l.repair_order_id = ro.id) l ON true
   WHERE ro.is_maintenance AND ro.status = 'closed' AND ro.closed_on IS NOT NULL`,
  'ANALYZE mnt_visit',
  // 3. Each schedule item: when last done (the latest visit covering it), then when due next.
  `CREATE TEMP TABLE mnt_pred ON COMMIT DROP AS
   WITH item AS (
     SELECT DISTINCT ON (m.org_id, m.id, it.code)
            m.org_id, m.id, m.location_id, m.schedule_id, m.delivery_date, m.captured_on, m.first_on, m.first_val, m.last_on, m.last_val, m.rate,
            it.code, it.every_months,
            CASE m.usage_unit WHEN 'h' THEN it.every_hours WHEN 'mi' THEN round(it.every_km / ${KM_PER_MILE})::int ELSE it.every_km END AS lim,
            v.closed_on AS done_on, v.odometer AS done_odo
     FROM mnt_veh m
     JOIN mnt_item it ON it.org_id = m.org_id AND it.schedule_id = m.schedule_id
     LEFT JOIN mnt_visit v ON v.org_id = m.org_id AND v.vehicle_id = m.id AND ${covers}
     ORDER BY m.org_id, m.id, it.code, v.closed_on DESC NULLS LAST),
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
  // 4. One row per vehicle: the first due date and the items due within the group window of it.
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
     next_due_odometer = excluded.next_due_odometer, items = excluded.items, computed_at = excluded.computed_at`,
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
