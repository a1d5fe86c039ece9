// E02: N days after E01 was sent, when the customer has not visited since.
import { customerRule, type Rule } from './build.ts';

export const e02Rule: Rule = {
  kind: 'E02',
  statements: [
    customerRule({
      kind: 'E02',
      joins: `JOIN messages e1 ON e1.org_id = rl.org_id AND e1.location_id = rl.location_id AND e1.kind = 'E01' AND e1.status = 'sent'
                AND e1.due_on IN (rl.day - rr.email_days, rl.day - rr.postcard_days)
              JOIN customers c ON c.org_id = e1.org_id AND c.id = e1.customer_id
              LEFT JOIN vehicles v ON v.org_id = e1.org_id AND v.id = e1.vehicle_id`,
      where: 'e1.due_on = rl.day - ch.days AND (c.last_visit_on IS NULL OR c.last_visit_on < e1.due_on)',
      // E01 named the vehicles and the items: E02 repeats them.
      payload: `jsonb_strip_nulls(jsonb_build_object('maintenance', e1.payload->'maintenance', 'vehicles', e1.payload->'vehicles'))`,
    }),
  ],
};
