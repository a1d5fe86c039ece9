// THANK_YOU: N days after a completed visit (repair order closed). Held when the vehicle of the
// visit has been sold or scrapped since (reason recorded), like every message about one vehicle.
import { customerRule, type Rule, drive } from './build.ts';

export const thankYouRule: Rule = {
  kind: 'THANK_YOU',
  statements: [
    customerRule({
      kind: 'THANK_YOU',
      joins: `${drive('repair_orders', 'ro', `ro.org_id = rl.org_id AND ro.location_id = rl.location_id AND ro.status = 'closed' AND ro.closed_on IN (rl.day - rr.email_days, rl.day - rr.postcard_days)`)}
               JOIN customers c ON c.org_id = ro.org_id AND c.id = ro.customer_id
               LEFT JOIN vehicles v ON v.org_id = ro.org_id AND v.id = ro.vehicle_id`,
      where: `ro.closed_on = rl.day - ch.days`,
      vehicle: 'v',
      holdOnVehicle: true,
      repairOrder: 'ro.id',
      payload: `jsonb_build_object('repair_order', jsonb_build_object('id', ro.id, 'number', ro.ro_number), 'last_service_on', ro.closed_on)`,
    }),
  ],
};
