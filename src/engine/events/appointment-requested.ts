// P02: a customer (portal) or a visitor (public booking page) requested an appointment. Next to
// the APPOINTMENT_REQUEST task (appointments/tell-advisor.ts), the location's service advisor
// (else the CRM agent, else the owner: routedUserSql) gets an email in their own language with the
// request and a link to the console's appointment book, where it is confirmed. Idempotent per
// appointment and time; off when the location sets P02's days to 0; nothing when the location has
// no staff user to tell.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { execSql } from '../sql/exec.ts';
import { EVENT_CTES } from './event-location.ts';
import {
  OUTBOX_COLUMNS,
  appointmentJson,
  appointmentSubjectSql,
  routedUserSql,
  vehicleRef,
} from '../sql/channel.ts';

export async function enqueueAppointmentRequested(
  db: Kysely<DB>,
  orgId: number,
  appointmentId: number,
  now: Date,
): Promise<void> {
  const text = `
    WITH ${EVENT_CTES},
    staff AS (SELECT rl.location_id, ${routedUserSql(`'service_advisor'`, null)} AS user_id FROM rl)
    INSERT INTO messages (${OUTBOX_COLUMNS})
    SELECT a.org_id, a.location_id, 'P02', 'email', 'staff', a.customer_id, a.vehicle_id, a.id,
           NULL, staff.user_id, NULL, rl.lang, rl.day,
           CASE WHEN a.customer_id IS NULL THEN 'v' || a.id ELSE 'c' || a.customer_id END
             || '/' || ${appointmentSubjectSql('a')} || '/P02/' || rl.day,
           'pending', NULL,
           jsonb_strip_nulls(jsonb_build_object('appointment', ${appointmentJson('a', 'm.name')},
             'visitor', CASE WHEN a.customer_id IS NULL
                             THEN jsonb_build_object('name', a.visitor_name, 'email', a.visitor_email, 'phone', a.visitor_phone) END,
             'vehicles', CASE WHEN v.id IS NULL THEN NULL ELSE jsonb_build_array(${vehicleRef('v')}) END,
             'assigned_role', 'service_advisor')),
           $1::timestamptz
    FROM appointments a
    JOIN rl ON rl.org_id = a.org_id AND rl.location_id = a.location_id
    JOIN rr ON rr.org_id = a.org_id AND rr.location_id = a.location_id
    JOIN staff ON staff.location_id = a.location_id AND staff.user_id IS NOT NULL
    LEFT JOIN vehicles v ON v.org_id = a.org_id AND v.id = a.vehicle_id
    LEFT JOIN mechanics m ON m.org_id = a.org_id AND m.id = a.mechanic_id
    WHERE a.org_id = $2 AND a.id = $4 AND a.status = 'requested' AND rr.email_days > 0
    ON CONFLICT (org_id, dedupe_key) DO NOTHING`;
  await execSql(db, text, [now.toISOString(), orgId, 'P02', appointmentId]);
}
