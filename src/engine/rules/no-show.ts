// NO_SHOW: N days after an appointment (local date) the customer did not keep. Held when the
// vehicle of the appointment has been sold or scrapped since. A no-show recorded after its due
// day still goes while the due day is within the location's staleness window (staleness_days,
// the same setting as the catch-up); past it, it is recorded as cancelled with reason `stale`
// (looked for up to 30 days further back) so the shop sees why nothing went. The due date stays
// the original one, so the dedupe key is the same whichever day decides it.
import { appointmentJson, appointmentSubjectSql } from '../sql/channel.ts';
import { customerRule, localMidnight, type Rule, drive } from './build.ts';

const LOOKBACK_PAST_STALE = 30;

const noShowRuleSql = (stale: boolean) =>
  customerRule({
    kind: 'NO_SHOW',
    joins: `${drive('appointments', 'a', `a.org_id = rl.org_id AND a.location_id = rl.location_id AND a.status = 'no_show' AND a.customer_id IS NOT NULL AND a.starts_at >= ${localMidnight(`rl.day - greatest(rr.email_days, rr.postcard_days) - rl.staleness_days - ${LOOKBACK_PAST_STALE}`)} AND a.starts_at < ${localMidnight('rl.day - least(rr.email_days, rr.postcard_days) + 1')}`)}
             JOIN customers c ON c.org_id = a.org_id AND c.id = a.customer_id
             LEFT JOIN vehicles v ON v.org_id = a.org_id AND v.id = a.vehicle_id`,
    where: stale
      ? `(a.starts_at AT TIME ZONE rl.tz)::date + ch.days < rl.day - rl.staleness_days`
      : `(a.starts_at AT TIME ZONE rl.tz)::date + ch.days BETWEEN rl.day - rl.staleness_days AND rl.day`,
    vehicle: 'v',
    holdOnVehicle: true,
    appointment: 'a.id',
    subject: appointmentSubjectSql('a'),
    dueOn: '(a.starts_at AT TIME ZONE rl.tz)::date + ch.days',
    payload: `jsonb_build_object('appointment', ${appointmentJson('a')})`,
    ...(stale ? { channel: `'none'`, reason: `'stale'` } : {}),
  });

export const noShowRule: Rule = {
  kind: 'NO_SHOW',
  statements: [noShowRuleSql(false), noShowRuleSql(true)],
};
