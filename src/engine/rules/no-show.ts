// NO_SHOW: N days after an appointment (local date) the customer did not keep. Held when the
// vehicle of the appointment has been sold or scrapped since.
import { appointmentJson, appointmentSubjectSql } from '../sql/channel.ts';
import { customerRule, localMidnight, type Rule, drive } from './build.ts';

export const noShowRule: Rule = {
  kind: 'NO_SHOW',
  statements: [
    customerRule({
      kind: 'NO_SHOW',
      joins: `${drive('appointments', 'a', `a.org_id = rl.org_id AND a.location_id = rl.location_id AND a.status = 'no_show' AND a.customer_id IS NOT NULL AND a.starts_at >= ${localMidnight('rl.day - greatest(rr.email_days, rr.postcard_days)')} AND a.starts_at < ${localMidnight('rl.day - least(rr.email_days, rr.postcard_days) + 1')}`)}
               JOIN customers c ON c.org_id = a.org_id AND c.id = a.customer_id
               LEFT JOIN vehicles v ON v.org_id = a.org_id AND v.id = a.vehicle_id`,
      where: `(a.starts_at AT TIME ZONE rl.tz)::date = rl.day - ch.days`,
      vehicle: 'v',
      holdOnVehicle: true,
      appointment: 'a.id',
      subject: appointmentSubjectSql('a'),
      payload: `jsonb_build_object('appointment', ${appointmentJson('a')})`,
    }),
  ],
};
