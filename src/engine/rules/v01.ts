// V01: acknowledgement on the day a vehicle is captured (sold/delivered, or first seen in
// service); invites the customer to the portal. The day setting only switches it on (> 0).
import { customerRule, type Rule, drive } from './build.ts';

export const v01Rule: Rule = {
  kind: 'V01',
  statements: [
    customerRule({
      kind: 'V01',
      joins: `${drive('vehicles', 'v', `v.org_id = rl.org_id AND v.location_id = rl.location_id AND v.captured_on = rl.day`)}
              JOIN customers c ON c.org_id = v.org_id AND c.id = v.customer_id`,
      where: 'true',
      vehicle: 'v',
      holdOnVehicle: true,
    }),
  ],
};
