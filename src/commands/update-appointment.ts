// Move, reassign or edit an appointment. Moving re-checks hours, overlaps and the mechanic's
// skill; a confirmed appointment keeps a mechanic; a finished (done, no-show, cancelled)
// appointment cannot change. Audited field by field. The portal's move calls it too.
import { enqueueAppointmentConfirmation } from '../engine/events/appointment-confirmed.ts';
import { cancelAppointmentMessages } from '../appointments/cancel-appointment-messages.ts';
import type { Transaction } from 'kysely';
import type { Appointment, DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { audit, diff } from '../accounts/audit.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { checkBooking, checkConfirmable } from '../appointments/check-booking.ts';
import type { BookAppointmentInput } from './book-appointment.ts';

export interface UpdateAppointmentInput {
  appointmentId: number;
  fields: Partial<Omit<BookAppointmentInput, 'location_id' | 'status' | 'external_ref'>>;
}

export async function updateAppointment(
  trx: Transaction<DB>,
  scope: Scope,
  input: UpdateAppointmentInput,
  now: Date,
): Promise<Appointment> {
  const { appointmentId, fields } = input;
  const s = scoped(trx, scope);
  const before = await s
    .selectFrom('appointments')
    .selectAll()
    .where('id', '=', appointmentId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound(`Appointment ${appointmentId}`);
  if (['done', 'no_show', 'cancelled'].includes(before.status))
    throw new AppError(409, 'conflict', `A ${before.status} appointment cannot be changed`, 'status');
  const next = {
    location_id: before.location_id,
    customer_id: fields.customer_id !== undefined ? fields.customer_id : before.customer_id,
    vehicle_id: fields.vehicle_id !== undefined ? fields.vehicle_id : before.vehicle_id,
    mechanic_id: fields.mechanic_id !== undefined ? fields.mechanic_id : before.mechanic_id,
    required_skill: fields.required_skill !== undefined ? fields.required_skill : before.required_skill,
    courtesy_vehicle_id:
      fields.courtesy_vehicle_id !== undefined ? fields.courtesy_vehicle_id : before.courtesy_vehicle_id,
    starts_at: fields.starts_at ? new Date(fields.starts_at) : before.starts_at,
    ends_at: fields.ends_at ? new Date(fields.ends_at) : before.ends_at,
  };
  checkConfirmable({ status: before.status, mechanic_id: next.mechanic_id });
  await checkBooking(s, next);
  const { starts_at: _s, ends_at: _e, ...rest } = fields;
  const after = await s
    .updateTable('appointments')
    .set({ ...rest, starts_at: next.starts_at, ends_at: next.ends_at, updated_at: now })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const changes = diff(before, { ...rest, starts_at: next.starts_at, ends_at: next.ends_at });
  if (new Date(before.starts_at).getTime() !== new Date(after.starts_at).getTime()) {
    // The old time's waiting messages go; a confirmed appointment's confirmation for the new time
    // updates the customer's calendar at once (the daily run writes the new reminders).
    await cancelAppointmentMessages(trx, scope.orgId, before.id, 'appointment_moved', now);
    if (after.status === 'confirmed') await enqueueAppointmentConfirmation(trx, scope.orgId, before.id, now);
  }
  if (Object.keys(changes).length > 0)
    await audit(trx, scope, 'update', 'appointment', before.id, changes, now);
  return after;
}
