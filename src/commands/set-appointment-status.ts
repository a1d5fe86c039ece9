// The appointment life cycle (requested → confirmed → arrived → in_progress → done; no_show;
// cancelled; appointments/status-transitions.ts). Confirming needs a mechanic assigned (and one
// having the appointment's required skill). Confirming a requested appointment queues its
// confirmation (E05) in the same transaction, so it goes out exactly when the status commits.
import type { Transaction } from 'kysely';
import type { Appointment, AppointmentStatus, DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { audit } from '../accounts/audit.ts';
import { AppError, notFound } from '../errors/app-error.ts';
import { canMove, NEXT_STATUS } from '../appointments/status-transitions.ts';
import { checkConfirmable, checkMechanicSkill } from '../appointments/check-booking.ts';
import { enqueueAppointmentConfirmation } from '../engine/events/appointment-confirmed.ts';
import { enqueueAppointmentCancellation } from '../engine/events/appointment-cancelled.ts';
import { cancelAppointmentMessages } from '../appointments/cancel-appointment-messages.ts';

export interface SetAppointmentStatusInput {
  appointmentId: number;
  status: AppointmentStatus;
}

export async function setAppointmentStatus(
  trx: Transaction<DB>,
  scope: Scope,
  input: SetAppointmentStatusInput,
  now: Date,
): Promise<Appointment> {
  const { appointmentId, status } = input;
  const s = scoped(trx, scope);
  const before = await s
    .selectFrom('appointments')
    .selectAll()
    .where('id', '=', appointmentId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound(`Appointment ${appointmentId}`);
  if (!canMove(before.status, status)) {
    const allowed = NEXT_STATUS[before.status];
    throw new AppError(
      409,
      'invalid_transition',
      `status: a ${before.status} appointment cannot become ${status}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`,
      'status',
    );
  }
  if (status === 'confirmed' && before.status !== 'confirmed') {
    checkConfirmable({ status, mechanic_id: before.mechanic_id });
    // The mechanic must (still) have the skill the work needs.
    await checkMechanicSkill(s, before.mechanic_id, before.required_skill);
  }
  const after = await s
    .updateTable('appointments')
    .set({ status, updated_at: now, ...(status === 'confirmed' ? { confirmed_at: now } : {}) })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (before.status === 'requested' && status === 'confirmed')
    await enqueueAppointmentConfirmation(trx, scope.orgId, before.id, now);
  if (status === 'cancelled') {
    // Its waiting messages go, and the customer's calendar drops it (if a calendar email went out).
    await cancelAppointmentMessages(trx, scope.orgId, before.id, 'appointment_cancelled', now);
    await enqueueAppointmentCancellation(trx, scope.orgId, before.id, now);
  }
  await audit(
    trx,
    scope,
    'set_status',
    'appointment',
    before.id,
    { status: { from: before.status, to: status } },
    now,
  );
  return after;
}
