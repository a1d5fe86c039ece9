// E05: staff confirmed an appointment the customer (or a visitor) requested. One outbox row,
// idempotent: calling again for the same appointment and time adds nothing; a confirmed
// appointment that was moved gets a new confirmation for its new time. Held (reason recorded)
// when the appointment's vehicle has been sold or scrapped.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { execSql } from '../sql/exec.ts';
import { EVENT_CTES } from './event-location.ts';
import {
  OUTBOX_COLUMNS,
  appointmentJson,
  appointmentRecipientLateral,
  appointmentSubjectSql,
  channelLateral,
  vehicleRef,
} from '../sql/channel.ts';

export async function enqueueAppointmentConfirmation(
  db: Kysely<DB>,
  orgId: number,
  appointmentId: number,
  now: Date,
): Promise<void> {
  const text = `
    WITH ${EVENT_CTES}
    INSERT INTO messages (${OUTBOX_COLUMNS})
    SELECT a.org_id, a.location_id, 'E05', id.channel, r.recipient_type, c.id, a.vehicle_id, a.id,
           NULL, NULL, r.email, r.language, rl.day,
           r.recipient || '/' || ${appointmentSubjectSql('a')} || '/E05/' || rl.day,
           CASE WHEN id.channel = 'none' THEN 'held' ELSE 'pending' END, id.reason,
           jsonb_strip_nulls(jsonb_build_object('appointment', ${appointmentJson('a', 'm.name')}, 'visitor', r.visitor,
             'vehicles', CASE WHEN v.id IS NULL THEN NULL ELSE jsonb_build_array(${vehicleRef('v')}) END)),
           $1::timestamptz
    FROM appointments a
    JOIN rl ON rl.org_id = a.org_id AND rl.location_id = a.location_id
    JOIN rr ON rr.org_id = a.org_id AND rr.location_id = a.location_id
    LEFT JOIN customers c ON c.org_id = a.org_id AND c.id = a.customer_id
    LEFT JOIN vehicles v ON v.org_id = a.org_id AND v.id = a.vehicle_id
    LEFT JOIN mechanics m ON m.org_id = a.org_id AND m.id = a.mechanic_id
    ${channelLateral('v')}
    ${appointmentRecipientLateral}
    -- A location that cannot identify itself sends nothing (docs/compliance.md).
    CROSS JOIN LATERAL (SELECT CASE WHEN cardinality(rl.ident_missing) > 0 THEN 'none' ELSE r.channel END AS channel,
                               CASE WHEN cardinality(rl.ident_missing) > 0 AND r.channel <> 'none' THEN 'no_identification'
                                    ELSE r.reason END AS reason) id
    WHERE a.org_id = $2 AND a.id = $4 AND a.status = 'confirmed' AND rr.email_days > 0
    ON CONFLICT (org_id, dedupe_key) DO NOTHING`;
  await execSql(db, text, [now.toISOString(), orgId, 'E05', appointmentId]);
}
