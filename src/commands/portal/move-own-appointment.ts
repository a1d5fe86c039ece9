// A customer moves their own upcoming appointment to another free time. The old time's waiting
// messages (reminders, a confirmation not yet sent) are cancelled; a confirmed appointment stays
// confirmed and gets E05 for its new time at once, and the daily run writes the new reminders.
// The move itself, with those messages, is the staff's command (commands/update-appointment.ts:
// same checks, skill included, same audit). The advisors are told.
import type { Transaction } from 'kysely';
import type { Appointment, DB } from '../../db/schema.ts';
import { mechanicsFreeAt } from '../../appointments/free-mechanic.ts';
import { tellAdvisor } from '../../appointments/tell-advisor.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { actingScope, own, type CustomerScope } from '../../portal/customer-scope.ts';
import { PortalInputError, SlotTaken } from '../../portal/errors.ts';
import { updateAppointment } from '../update-appointment.ts';

/** Only a future appointment still requested or confirmed can be changed online. */
export function changeableOnline(a: Pick<Appointment, 'status' | 'starts_at'>, now: Date): boolean {
  return (a.status === 'requested' || a.status === 'confirmed') && a.starts_at.getTime() > now.getTime();
}

export async function moveOwnAppointment(
  trx: Transaction<DB>,
  cs: CustomerScope,
  input: { appointmentId: number; startsAt: Date },
  now: Date,
): Promise<Appointment> {
  const mine = own(trx, cs);
  const before = await mine.appointment(input.appointmentId, true);
  if (!changeableOnline(before, now)) throw new PortalInputError('status', 'cannot_change');
  const location = await mine.location();
  const free = await mechanicsFreeAt(
    scoped(trx, actingScope(cs)),
    location,
    input.startsAt,
    now,
    before.id,
    before.required_skill,
  );
  if (free.mechanicIds.length === 0) throw new SlotTaken();
  const mechanicId =
    before.mechanic_id !== null && free.mechanicIds.includes(before.mechanic_id)
      ? before.mechanic_id
      : free.mechanicIds[0]!;
  const after = await updateAppointment(
    trx,
    actingScope(cs),
    {
      appointmentId: before.id,
      fields: {
        starts_at: input.startsAt.toISOString(),
        ends_at: free.endsAt.toISOString(),
        mechanic_id: mechanicId,
      },
    },
    now,
  );
  await tellAdvisor(trx, 'APPOINTMENT_MOVED', after, location.time_zone, now, {
    previous_starts_at: before.starts_at.toISOString(),
  });
  return after;
}
