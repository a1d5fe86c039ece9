// REMINDER_1 / REMINDER_2: N days before the next scheduled visit, which is either the date set
// at the last visit (vehicles.next_visit_on) or a booked appointment's local date. A vehicle
// with a booked appointment gets the appointment's reminders, not the set date's.
import { appointmentJson, appointmentSubjectSql } from '../sql/channel.ts';
import { customerRule, localMidnight, type Rule, drive } from './build.ts';

export function reminderRule(kind: 'REMINDER_1' | 'REMINDER_2'): Rule {
  const fromSetDate = customerRule({
    kind,
    joins: `${drive('vehicles', 'v', `v.org_id = rl.org_id AND v.location_id = rl.location_id AND v.next_visit_on IN (rl.day + rr.email_days, rl.day + rr.postcard_days)`)}
             JOIN customers c ON c.org_id = v.org_id AND c.id = v.customer_id`,
    where: `v.next_visit_on = rl.day + ch.days
            AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.org_id = c.org_id AND a.customer_id = c.id
                              AND (a.vehicle_id = v.id OR a.vehicle_id IS NULL)
                              AND a.status IN ('requested', 'confirmed') AND a.starts_at >= rl.run_at)`,
    vehicle: 'v',
    holdOnVehicle: true,
    payload: `jsonb_build_object('next_visit_on', v.next_visit_on)`,
  });
  const fromAppointment = customerRule({
    kind,
    joins: `${drive('appointments', 'a', `a.org_id = rl.org_id AND a.location_id = rl.location_id AND a.status = 'confirmed' AND a.customer_id IS NOT NULL AND a.starts_at >= ${localMidnight('rl.day + least(rr.email_days, rr.postcard_days)')} AND a.starts_at < ${localMidnight('rl.day + greatest(rr.email_days, rr.postcard_days) + 1')}`)}
             JOIN customers c ON c.org_id = a.org_id AND c.id = a.customer_id
             LEFT JOIN vehicles v ON v.org_id = a.org_id AND v.id = a.vehicle_id`,
    where: `(a.starts_at AT TIME ZONE rl.tz)::date = rl.day + ch.days`,
    vehicle: 'v',
    holdOnVehicle: true,
    appointment: 'a.id',
    subject: appointmentSubjectSql('a'),
    payload: `jsonb_build_object('next_visit_on', rl.day + ch.days, 'appointment', ${appointmentJson('a')})`,
  });
  return { kind, statements: [fromSetDate, fromAppointment] };
}
