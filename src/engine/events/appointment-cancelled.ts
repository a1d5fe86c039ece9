// The calendar follows the appointment (issue 13 item 3). Cancelled: the customer whose calendar
// holds it (an E04 or E05 email with its .ics was sent) gets a cancellation, an E05 marked
// `appointment_cancelled` whose .ics is METHOD:CANCEL with the same UID and a higher SEQUENCE. Moved:
// a new E05 for the new time (appointment-confirmed.ts; same UID, higher SEQUENCE) updates it. Both are transactional:
// no frequency cap holds them (run-day.ts, UNCAPPED), and no consent is needed (docs/compliance.md).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { execSql } from '../sql/exec.ts';
import { OUTBOX_COLUMNS } from '../sql/channel.ts';

export async function enqueueAppointmentCancellation(
  db: Kysely<DB>,
  orgId: number,
  appointmentId: number,
  now: Date,
): Promise<void> {
  // Copies the last calendar email sent about it: same recipient, language and appointment (the
  // time the customer's calendar shows), due today in the location's zone.
  await execSql(
    db,
    `INSERT INTO messages (${OUTBOX_COLUMNS})
     SELECT m.org_id, m.location_id, 'E05', 'email', m.recipient_type, m.customer_id, m.vehicle_id, m.appointment_id,
            NULL, NULL, m.recipient_email, m.language, ($1::timestamptz AT TIME ZONE l.time_zone)::date,
            'a' || m.appointment_id || '/E05/cancelled', 'pending', NULL,
            m.payload || '{"appointment_cancelled": true}'::jsonb, $1::timestamptz
     FROM (SELECT * FROM messages
            WHERE org_id = $2 AND appointment_id = $3 AND kind IN ('E04', 'E05') AND channel = 'email' AND status = 'sent'
            ORDER BY sent_at DESC NULLS LAST, id DESC LIMIT 1) m
     JOIN locations l ON l.org_id = m.org_id AND l.id = m.location_id
     ON CONFLICT (org_id, dedupe_key) DO NOTHING`,
    [now.toISOString(), orgId, appointmentId],
  );
}
