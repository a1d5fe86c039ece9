// E01: N days before the vehicle's next maintenance falls due, as predicted in
// vehicle_maintenance (refreshed at the start of the run, see ../maintenance/refresh.ts).
import { customerRule, type Rule, drive } from './build.ts';

export const e01Rule: Rule = {
  kind: 'E01',
  statements: [
    customerRule({
      kind: 'E01',
      joins: `${drive('vehicle_maintenance', 'vm', `vm.org_id = rl.org_id AND vm.location_id = rl.location_id AND vm.next_due_on IN (rl.day + rr.email_days, rl.day + rr.postcard_days)`)}
              JOIN vehicles v ON v.org_id = vm.org_id AND v.id = vm.vehicle_id
              JOIN customers c ON c.org_id = v.org_id AND c.id = v.customer_id`,
      where: 'vm.next_due_on = rl.day + ch.days',
      vehicle: 'v',
      holdOnVehicle: true,
      payload: `jsonb_build_object('maintenance', jsonb_build_object('due_on', vm.next_due_on, 'items',
        coalesce((SELECT jsonb_agg(jsonb_build_object('code', i->>'code', 'description', i->'description')) FROM jsonb_array_elements(vm.items) i), '[]'::jsonb)))`,
    }),
  ],
};
