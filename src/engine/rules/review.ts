// REVIEW: N days after a completed visit (repair order closed), the location's public review link.
// Every customer of the visit gets the same link, whatever they answered to the E03 survey: no
// review gating (Google's policy forbids asking only satisfied customers), so the rule reads no
// survey answer. Nothing is decided while the location has no review link. At most one a year per
// customer: a customer who comes every three months is not asked at every visit. Held when the
// vehicle of the visit has been sold or scrapped since.
import { customerRule, type Rule, drive } from './build.ts';

export const reviewRule: Rule = {
  kind: 'REVIEW',
  statements: [
    customerRule({
      kind: 'REVIEW',
      joins: `JOIN locations lo ON lo.org_id = rl.org_id AND lo.id = rl.location_id AND lo.review_link IS NOT NULL
              ${drive('repair_orders', 'ro', `ro.org_id = rl.org_id AND ro.location_id = rl.location_id AND ro.status = 'closed' AND ro.closed_on IN (rl.day - rr.email_days, rl.day - rr.postcard_days)`)}
              JOIN customers c ON c.org_id = ro.org_id AND c.id = ro.customer_id
              LEFT JOIN vehicles v ON v.org_id = ro.org_id AND v.id = ro.vehicle_id`,
      where: `ro.closed_on = rl.day - ch.days
              AND NOT EXISTS (SELECT 1 FROM messages pm WHERE pm.org_id = c.org_id AND pm.customer_id = c.id AND pm.kind = 'REVIEW'
                                AND pm.status IN ('pending', 'sending', 'sent') AND pm.due_on > rl.day - 365 AND pm.due_on < rl.day)`,
      vehicle: 'v',
      holdOnVehicle: true,
      repairOrder: 'ro.id',
      payload: `jsonb_build_object('repair_order', jsonb_build_object('id', ro.id, 'number', ro.ro_number), 'last_service_on', ro.closed_on, 'review_link', lo.review_link)`,
    }),
  ],
};
