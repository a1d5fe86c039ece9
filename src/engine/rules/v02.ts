// V02: on the customer's birthday; 29 February is celebrated on 28 February in other years.
// Only people have birthdays: a company (a company name and no first or last name) gets none.
import { customerRule, type Rule, drive } from './build.ts';
import { customerVehiclesJson } from '../sql/channel.ts';

export const v02Rule: Rule = {
  kind: 'V02',
  statements: [
    customerRule({
      kind: 'V02',
      joins: `${drive(
        'customers',
        'c',
        `c.org_id = rl.org_id AND c.location_id = rl.location_id AND extract(month FROM c.birthday) = extract(month FROM rl.day)
                AND extract(day FROM c.birthday) IN (extract(day FROM rl.day),
                  CASE WHEN extract(month FROM rl.day) = 2 AND extract(day FROM rl.day) = 28 AND extract(month FROM rl.day + 1) = 3 THEN 29 END)`,
      )}`,
      where: `(nullif(btrim(c.first_name), '') IS NOT NULL OR nullif(btrim(c.last_name), '') IS NOT NULL
               OR nullif(btrim(c.company_name), '') IS NULL)`,
      payload: `jsonb_build_object('vehicles', ${customerVehiclesJson})`,
    }),
  ],
};
