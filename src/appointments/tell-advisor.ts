// The service advisors are told of what customers do online (a request to confirm, a move, a
// cancellation): one open staff task at the appointment's location, in the console's task list,
// assigned to the service_advisor role. kind APPOINTMENT_REQUEST is the one they must act on.
import type { Kysely, Transaction } from 'kysely';
import type { Appointment, DB } from '../db/schema.ts';
import { localDateTime } from '../domain/time/dates.ts';

export type AdvisorNotice = 'APPOINTMENT_REQUEST' | 'APPOINTMENT_MOVED' | 'APPOINTMENT_CANCELLED';

export async function tellAdvisor(
  db: Kysely<DB> | Transaction<DB>,
  kind: AdvisorNotice,
  a: Pick<
    Appointment,
    | 'org_id'
    | 'location_id'
    | 'id'
    | 'customer_id'
    | 'vehicle_id'
    | 'starts_at'
    | 'ends_at'
    | 'service_requested'
    | 'visitor_name'
    | 'visitor_email'
    | 'visitor_phone'
  >,
  timeZone: string,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('staff_tasks')
    .values({
      org_id: a.org_id,
      location_id: a.location_id,
      kind,
      customer_id: a.customer_id,
      vehicle_id: a.vehicle_id,
      assigned_role: 'service_advisor',
      details: JSON.stringify({
        appointment_id: a.id,
        starts_at: a.starts_at.toISOString(),
        ends_at: a.ends_at.toISOString(),
        service: a.service_requested,
        ...(a.customer_id === null
          ? { visitor: { name: a.visitor_name, email: a.visitor_email, phone: a.visitor_phone } }
          : {}),
        ...extra,
      }),
      due_on: localDateTime(now, timeZone).date,
      created_at: now,
    })
    .execute();
}
