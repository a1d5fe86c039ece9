// DEFERRED: N days after the last visit, the items recommended and declined on that visit.
// A visit with no declined item sends nothing; a vehicle that came back since is not reminded
// of the older visit.
import { customerRule, type Rule, drive } from './build.ts';

export const deferredRule: Rule = {
  kind: 'DEFERRED',
  statements: [
    customerRule({
      kind: 'DEFERRED',
      joins: `${drive(
        'repair_orders',
        'ro',
        `ro.org_id = rl.org_id AND ro.location_id = rl.location_id AND ro.status = 'closed' AND ro.closed_on IN (rl.day - rr.email_days, rl.day - rr.postcard_days)
                 AND EXISTS (SELECT 1 FROM recommendations r WHERE r.org_id = ro.org_id AND r.repair_order_id = ro.id AND r.status = 'declined')`,
      )}
               JOIN customers c ON c.org_id = ro.org_id AND c.id = ro.customer_id
               LEFT JOIN vehicles v ON v.org_id = ro.org_id AND v.id = ro.vehicle_id`,
      where: `ro.closed_on = rl.day - ch.days
              AND NOT EXISTS (SELECT 1 FROM repair_orders r2 WHERE r2.org_id = ro.org_id AND r2.vehicle_id = ro.vehicle_id
                                AND r2.status = 'closed' AND r2.closed_on > ro.closed_on)
              AND (ro.vehicle_id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM repair_orders r2 WHERE r2.org_id = ro.org_id
                                AND r2.customer_id = ro.customer_id AND r2.status = 'closed' AND r2.closed_on > ro.closed_on))`,
      vehicle: 'v',
      holdOnVehicle: true,
      repairOrder: 'ro.id',
      payload: `jsonb_build_object('repair_order', jsonb_build_object('id', ro.id, 'number', ro.ro_number), 'last_service_on', ro.closed_on,
        'deferred_items', (SELECT jsonb_agg(r.description ORDER BY r.line_no) FROM recommendations r
                           WHERE r.org_id = ro.org_id AND r.repair_order_id = ro.id AND r.status = 'declined'))`,
    }),
  ],
};
