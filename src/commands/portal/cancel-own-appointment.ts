// A customer cancels their own upcoming appointment: it is cancelled (the mechanic's time is
// free again), its waiting messages are cancelled with the reason, the advisors are told.
import { enqueueAppointmentCancellation } from '../../engine/events/appointment-cancelled.ts';
import type { Transaction } from 'kysely';
import type { Appointment, DB } from '../../db/schema.ts';
import { audit } from '../../accounts/audit.ts';
import { tellAdvisor } from '../../appointments/tell-advisor.ts';
import { cancelAppointmentMessages } from '../../appointments/cancel-appointment-messages.ts';
import { actingScope, own, type CustomerScope } from '../../portal/customer-scope.ts';
import { PortalInputError } from '../../portal/errors.ts';
import { changeableOnline } from './move-own-appointment.ts';

export async function cancelOwnAppointment(
  trx: Transaction<DB>,
  cs: CustomerScope,
  input: { appointmentId: number },
  now: Date,
): Promise<Appointment> {
  const mine = own(trx, cs);
  const before = await mine.appointment(input.appointmentId, true);
  if (!changeableOnline(before, now)) throw new PortalInputError('status', 'cannot_change');
  const after = await mine
    .updateAppointments()
    .set({ status: 'cancelled', updated_at: now })
    .where('appointments.id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await cancelAppointmentMessages(trx, cs.orgId, before.id, 'appointment_cancelled', now);
  await enqueueAppointmentCancellation(trx, cs.orgId, before.id, now);
  await audit(
    trx,
    actingScope(cs),
    'set_status',
    'appointment',
    before.id,
    { status: { from: before.status, to: 'cancelled' } },
    now,
  );
  const location = await mine.location();
  await tellAdvisor(trx, 'APPOINTMENT_CANCELLED', after, location.time_zone, now);
  return after;
}
