// P00: N days after E02 was sent, when the customer neither visited nor booked since: a call
// task for the CRM agent (or whoever route_p00 names). Held for a deceased customer.
import { CAND_COLUMNS, fromRule, type Rule, drive } from './build.ts';
import { routedUserSql } from '../sql/channel.ts';

export const p00Rule: Rule = {
  kind: 'P00',
  statements: [
    `INSERT INTO eng_cand (${CAND_COLUMNS})
     SELECT rl.org_id, rl.location_id, 'P00', 'staff', c.id, NULL, NULL, NULL, ${routedUserSql('rl.route_p00', 'c')}, NULL, rl.lang,
            rl.day, CASE WHEN c.deceased THEN 'none' ELSE 'task' END, CASE WHEN c.deceased THEN 'deceased' END, '-', 'c' || c.id,
            jsonb_strip_nulls(jsonb_build_object('assigned_role', rl.route_p00, 'vehicles', e2.payload->'vehicles',
              'maintenance', e2.payload->'maintenance', 'last_service_on', c.last_visit_on)),
            NULL, greatest(rl.run_at, rl.now), 0
     ${fromRule('P00')}
     ${drive('messages', 'e2', `e2.org_id = rl.org_id AND e2.location_id = rl.location_id AND e2.kind = 'E02' AND e2.status = 'sent' AND e2.due_on = rl.day - rr.email_days`)}
     JOIN customers c ON c.org_id = e2.org_id AND c.id = e2.customer_id
     WHERE rr.email_days > 0
       AND (c.last_visit_on IS NULL OR c.last_visit_on < e2.due_on)
       AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.org_id = c.org_id AND a.customer_id = c.id AND a.status <> 'cancelled'
                         AND (a.created_at >= ${'(e2.due_on::timestamp AT TIME ZONE rl.tz)'} OR a.starts_at >= rl.run_at))`,
  ],
};
