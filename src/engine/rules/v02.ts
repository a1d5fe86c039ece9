// V02: on the customer's birthday; 29 February is celebrated on 28 February in other years.
import { customerRule, type Rule } from './build.ts';
import { customerVehiclesJson } from '../sql/channel.ts';

export const v02Rule: Rule = {
  kind: 'V02',
  statements: [
    customerRule({
      kind: 'V02',
      joins: `JOIN customers c ON c.org_id = rl.org_id AND c.location_id = rl.location_id
                AND ((extract(month FROM c.birthday) = extract(month FROM rl.day) AND extract(day FROM c.birthday) = extract(day FROM rl.day))
                  OR (extract(month FROM rl.day) = 2 AND extract(day FROM rl.day) = 28 AND extract(month FROM rl.day + 1) = 3
                      AND extract(month FROM c.birthday) = 2 AND extract(day FROM c.birthday) = 29))`,
      where: 'true',
      payload: `jsonb_build_object('vehicles', ${customerVehiclesJson})`,
    }),
  ],
};
