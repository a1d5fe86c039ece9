// E04: the appointment reminder, exactly N x 24 hours (48 by default) before a confirmed
// appointment, to the customer or to a visitor not yet in the file. Day D decides the
// appointments whose reminder time falls before the next day's run, so across DST changes
// every appointment is decided once. next_attempt_at is the reminder time itself (or now,
// for an appointment booked less than 48 hours ahead). The dedupe key names the appointment
// and its time: a moved appointment gets a new reminder, and the run cancels the old one.
// A customer's reminder is held when the appointment's vehicle has been sold or scrapped.
import { CAND_COLUMNS, fromRule, type Rule, drive } from './build.ts';
import {
  appointmentJson,
  appointmentRecipientLateral,
  appointmentSubjectSql,
  channelLateral,
  vehicleRef,
} from '../sql/channel.ts';

const remindAt = `(a.starts_at - make_interval(hours => 24 * rr.email_days))`;

export const e04Rule: Rule = {
  kind: 'E04',
  statements: [
    `INSERT INTO eng_cand (${CAND_COLUMNS})
     SELECT rl.org_id, rl.location_id, 'E04', r.recipient_type, c.id, v.id, a.id, NULL, NULL, r.email, r.language,
            (${remindAt} AT TIME ZONE rl.tz)::date, r.channel, r.reason, ${appointmentSubjectSql('a')}, r.recipient,
            jsonb_strip_nulls(jsonb_build_object('appointment', ${appointmentJson('a', 'm.name')}, 'visitor', r.visitor)),
            ${vehicleRef('v')}, greatest(${remindAt}, rl.now), rr.priority
     ${fromRule('E04')}
     ${drive('appointments', 'a', `a.org_id = rl.org_id AND a.location_id = rl.location_id AND a.status = 'confirmed' AND a.starts_at > rl.run_at AND a.starts_at < rl.next_run_at + make_interval(hours => 24 * rr.email_days)`)}
     LEFT JOIN customers c ON c.org_id = a.org_id AND c.id = a.customer_id
     LEFT JOIN vehicles v ON v.org_id = a.org_id AND v.id = a.vehicle_id
     LEFT JOIN mechanics m ON m.org_id = a.org_id AND m.id = a.mechanic_id
     ${channelLateral('v')}
     ${appointmentRecipientLateral}
     WHERE rr.email_days > 0 AND ${remindAt} < rl.next_run_at`,
  ],
};
