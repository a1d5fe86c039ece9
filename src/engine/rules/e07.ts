// E07: N days after staff completed a P00 call task with outcome 'recontacted', the location's
// promotion running that day (the newest one not ended, started and not expired: docs/results.md).
// No promotion running, no message.
import { customerRule, localMidnight, type Rule, drive } from './build.ts';

export const e07Rule: Rule = {
  kind: 'E07',
  statements: [
    customerRule({
      kind: 'E07',
      joins: `${drive('staff_tasks', 'st', `st.org_id = rl.org_id AND st.location_id = rl.location_id AND st.kind = 'P00' AND st.status = 'done' AND st.outcome = 'recontacted' AND st.completed_at >= ${localMidnight('rl.day - greatest(rr.email_days, rr.postcard_days)')} AND st.completed_at < ${localMidnight('rl.day - least(rr.email_days, rr.postcard_days) + 1')}`)}
              JOIN customers c ON c.org_id = st.org_id AND c.id = st.customer_id
              JOIN LATERAL (SELECT p.* FROM promotions p WHERE p.org_id = rl.org_id AND p.location_id = rl.location_id AND p.active
                              AND (p.valid_from IS NULL OR p.valid_from <= rl.day) AND (p.valid_until IS NULL OR p.valid_until >= rl.day) ORDER BY p.id DESC LIMIT 1) pr ON true`,
      where: '(st.completed_at AT TIME ZONE rl.tz)::date = rl.day - ch.days',
      payload: `jsonb_build_object('promotion', jsonb_build_object('id', pr.id, 'name', pr.name, 'coupon_code', pr.coupon_code, 'description', pr.description, 'valid_until', pr.valid_until))`,
    }),
  ],
};
