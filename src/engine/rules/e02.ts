// E02: N days after E01 was sent, when the customer has not visited since. It repeats E01's
// vehicles and items; vehicles sold or scrapped since are left out, and when none is left the
// message is held with the reason (vehicle_sold / vehicle_scrapped). vehicle_id is the first
// vehicle still on the road.
import { customerRule, type Rule, drive } from './build.ts';

export const e02Rule: Rule = {
  kind: 'E02',
  statements: [
    customerRule({
      kind: 'E02',
      joins: `${drive('messages', 'e1', `e1.org_id = rl.org_id AND e1.location_id = rl.location_id AND e1.kind = 'E01' AND e1.status = 'sent' AND e1.due_on IN (rl.day - rr.email_days, rl.day - rr.postcard_days)`)}
              JOIN customers c ON c.org_id = e1.org_id AND c.id = e1.customer_id
              CROSS JOIN LATERAL (
                SELECT coalesce((array_agg(v.id ORDER BY v.id) FILTER (WHERE v.status = 'active'))[1], e1.vehicle_id) AS id,
                       CASE WHEN bool_or(v.status = 'active') OR bool_and(v.id IS NULL) THEN 'active'
                            ELSE (array_agg(v.status ORDER BY v.id) FILTER (WHERE v.id IS NOT NULL))[1] END AS status,
                       jsonb_agg(x.ref ORDER BY x.n) FILTER (WHERE v.id IS NULL OR v.status = 'active') AS on_road
                FROM jsonb_array_elements(coalesce(e1.payload->'vehicles', CASE WHEN e1.vehicle_id IS NULL THEN '[]'::jsonb
                                                     ELSE jsonb_build_array(jsonb_build_object('id', e1.vehicle_id)) END))
                     WITH ORDINALITY AS x(ref, n)
                LEFT JOIN vehicles v ON v.org_id = e1.org_id AND v.id = (x.ref->>'id')::bigint) ev`,
      where: 'e1.due_on = rl.day - ch.days AND (c.last_visit_on IS NULL OR c.last_visit_on < e1.due_on)',
      vehicleId: 'ev.id',
      holdOn: 'ev',
      // E01 named the vehicles and the items: E02 repeats them (those still on the road).
      payload: `jsonb_strip_nulls(jsonb_build_object('maintenance', e1.payload->'maintenance',
        'vehicles', CASE WHEN ev.on_road IS NOT NULL THEN ev.on_road ELSE e1.payload->'vehicles' END))`,
    }),
  ],
};
