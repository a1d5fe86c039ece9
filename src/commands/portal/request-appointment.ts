// A signed-in customer asks for an appointment at a free time of their shop (the staff's own
// availability: working hours minus bookings). It is booked as "requested" on a mechanic free
// then, through the staff's own booking command (commands/book-appointment.ts: same checks, same
// audit), so the time is held; the service advisors get a task and an email (P02) to confirm it;
// confirming (POST /appointments/:id/status) sends E05 with its calendar invitation.
import type { Transaction } from 'kysely';
import type { Appointment, DB } from '../../db/schema.ts';
import { mechanicsFreeAt } from '../../appointments/free-mechanic.ts';
import { tellAdvisor } from '../../appointments/tell-advisor.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { actingScope, own, type CustomerScope } from '../../portal/customer-scope.ts';
import { PortalInputError, SlotTaken } from '../../portal/errors.ts';
import { enqueueAppointmentRequested } from '../../engine/events/appointment-requested.ts';
import { bookAppointment } from '../book-appointment.ts';

export interface AppointmentRequest {
  vehicleId: number | null;
  startsAt: Date;
  service: string | null;
}

export async function requestAppointment(
  trx: Transaction<DB>,
  cs: CustomerScope,
  input: AppointmentRequest,
  now: Date,
): Promise<Appointment> {
  const mine = own(trx, cs);
  if (input.vehicleId !== null) await mine.vehicle(input.vehicleId);
  if (input.service && input.service.length > 200)
    throw new PortalInputError('service', 'field_too_long', { max: 200 });
  const location = await mine.location();
  const free = await mechanicsFreeAt(scoped(trx, actingScope(cs)), location, input.startsAt, now);
  if (free.mechanicIds.length === 0) throw new SlotTaken();
  const row = await bookAppointment(
    trx,
    actingScope(cs),
    {
      location_id: cs.locationId,
      customer_id: cs.customerId,
      vehicle_id: input.vehicleId,
      mechanic_id: free.mechanicIds[0]!,
      starts_at: input.startsAt.toISOString(),
      ends_at: free.endsAt.toISOString(),
      status: 'requested',
      service_requested: input.service || null,
    },
    now,
  );
  await tellAdvisor(trx, 'APPOINTMENT_REQUEST', row, location.time_zone, now);
  await enqueueAppointmentRequested(trx, cs.orgId, row.id, now);
  return row;
}
