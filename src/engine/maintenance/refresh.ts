// Recomputes vehicle_maintenance (next due date and items) for the vehicles marked in
// maintenance_dirty by the triggers of migration 0100, set-based: the same prediction as
// src/domain/maintenance/predict.ts, in one statement. The daily run calls it first, so E01
// then finds its vehicles through vehicle_maintenance_due_idx.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { DEFAULT_DAILY_USE, GROUP_WINDOW_DAYS, KM_PER_MILE } from '../../domain/maintenance/predict.ts';
import { execSql } from '../sql/exec.ts';

const covers = (lines: string) => `(${lines} IS NULL OR ${['it.code', "it.description->>'en'", "it.description->>'fr'", "it.description->>'es'"]
  .map((n) => `(coalesce(${n}, '') <> '' AND position(lower(${n}) IN ${lines}) > 0)`)
  .join(' OR ')})`;

export const REFRESH_MAINTENANCE_SQL = `
WITH dirty AS (DELETE FROM maintenance_dirty RETURNING org_id, vehicle_id),
veh AS (
  SELECT v.org_id, v.id, v.location_id, v.make, v.model, v.usage_unit, v.delivery_date, v.captured_on
  FROM vehicles v JOIN dirty d ON d.org_id = v.org_id AND d.vehicle_id = v.id),
sched AS (
  SELECT DISTINCT ON (veh.org_id, veh.id) veh.org_id, veh.id AS vehicle_id, s.id AS schedule_id
  FROM veh JOIN maintenance_schedules s ON s.org_id = veh.org_id AND s.location_id = veh.location_id
   AND (s.make IS NULL OR lower(s.make) = lower(veh.make)) AND (s.model IS NULL OR lower(s.model) = lower(veh.model))
  ORDER BY veh.org_id, veh.id, (s.model IS NOT NULL) DESC, (s.make IS NOT NULL) DESC, s.id),
rd AS (
  SELECT r.org_id, r.vehicle_id, r.read_on AS on_, r.value FROM odometer_readings r JOIN veh ON veh.org_id = r.org_id AND veh.id = r.vehicle_id
  UNION
  SELECT ro.org_id, ro.vehicle_id, ro.closed_on, ro.odometer FROM repair_orders ro JOIN veh ON veh.org_id = ro.org_id AND veh.id = ro.vehicle_id
  WHERE ro.status = 'closed' AND ro.closed_on IS NOT NULL AND ro.odometer IS NOT NULL),
st AS (
  SELECT org_id, vehicle_id, count(*) AS n,
         (array_agg(on_ ORDER BY on_, value))[1] AS first_on, (array_agg(value ORDER BY on_, value))[1] AS first_val,
         (array_agg(on_ ORDER BY on_ DESC, value DESC))[1] AS last_on, (array_agg(value ORDER BY on_ DESC, value DESC))[1] AS last_val
  FROM rd GROUP BY org_id, vehicle_id),
vr AS (
  SELECT veh.*, st.first_on, st.first_val, st.last_on, st.last_val,
         CASE WHEN st.n >= 2 AND st.last_on > st.first_on AND st.last_val > st.first_val
              THEN (st.last_val - st.first_val)::float8 / (st.last_on - st.first_on)
              ELSE CASE veh.usage_unit WHEN 'mi' THEN ${DEFAULT_DAILY_USE.mi} WHEN 'h' THEN ${DEFAULT_DAILY_USE.h} ELSE ${DEFAULT_DAILY_USE.km} END END AS rate
  FROM veh LEFT JOIN st ON st.org_id = veh.org_id AND st.vehicle_id = veh.id),
mro AS (
  SELECT ro.org_id, ro.vehicle_id, ro.closed_on, ro.odometer,
         (SELECT string_agg(lower(l.description), ' | ') FROM repair_order_lines l WHERE l.org_id = ro.org_id AND l.repair_order_id = ro.id) AS lines
  FROM repair_orders ro JOIN veh ON veh.org_id = ro.org_id AND veh.id = ro.vehicle_id
  WHERE ro.is_maintenance AND ro.status = 'closed' AND ro.closed_on IS NOT NULL),
item AS (
  SELECT vr.*, it.code, it.description, it.every_months,
         CASE vr.usage_unit WHEN 'h' THEN it.every_hours WHEN 'mi' THEN round(it.every_km / ${KM_PER_MILE})::int ELSE it.every_km END AS lim,
         dn.closed_on AS done_on, dn.odometer AS done_odo
  FROM vr JOIN sched ON sched.org_id = vr.org_id AND sched.vehicle_id = vr.id
  JOIN maintenance_schedule_items it ON it.org_id = sched.org_id AND it.schedule_id = sched.schedule_id
  LEFT JOIN LATERAL (SELECT mro.closed_on, mro.odometer FROM mro WHERE mro.org_id = vr.org_id AND mro.vehicle_id = vr.id AND ${covers('mro.lines')}
                     ORDER BY mro.closed_on DESC LIMIT 1) dn ON true),
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
  FROM base),
pred AS (SELECT due.*, least(by_time, by_dist) AS due_on FROM due),
veh_next AS (SELECT org_id, id, min(due_on) AS next_due_on FROM pred GROUP BY org_id, id),
agg AS (
  SELECT p.org_id, p.id AS vehicle_id, p.location_id, n.next_due_on,
         min(p.due_odo) FILTER (WHERE p.due_on <= n.next_due_on + ${GROUP_WINDOW_DAYS}) AS next_due_odometer,
         coalesce(jsonb_agg(jsonb_build_object('code', p.code, 'description', p.description, 'due_on', p.due_on, 'due_odometer', p.due_odo)
                  ORDER BY p.due_on, p.code) FILTER (WHERE p.due_on <= n.next_due_on + ${GROUP_WINDOW_DAYS}), '[]'::jsonb) AS items
  FROM pred p JOIN veh_next n ON n.org_id = p.org_id AND n.id = p.id
  GROUP BY p.org_id, p.id, p.location_id, n.next_due_on)
INSERT INTO vehicle_maintenance (org_id, vehicle_id, location_id, next_due_on, next_due_odometer, items, computed_at)
SELECT veh.org_id, veh.id, veh.location_id, agg.next_due_on, agg.next_due_odometer, coalesce(agg.items, '[]'::jsonb), now()
FROM veh LEFT JOIN agg ON agg.org_id = veh.org_id AND agg.vehicle_id = veh.id
ON CONFLICT (org_id, vehicle_id) DO UPDATE SET location_id = excluded.location_id, next_due_on = excluded.next_due_on,
  next_due_odometer = excluded.next_due_odometer, items = excluded.items, computed_at = excluded.computed_at`;

/** Returns how many vehicles were recomputed. */
export async function refreshMaintenance(db: Kysely<DB>): Promise<number> {
  const { affected } = await execSql(db, REFRESH_MAINTENANCE_SQL);
  return affected;
}
