// POST /appointments: book against real availability. Two requests racing for the same
// mechanic or courtesy vehicle: the EXCLUDE constraint lets one in and the other gets 409.
import { defineRoute } from '../define.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { checkBooking } from './check-booking.ts';
import { appointmentOut, createAppointmentBody, presentAppointment } from './schema.ts';

export const createAppointmentRoute = defineRoute({
  method: 'POST',
  path: '/appointments',
  summary: 'Book an appointment (409 when the mechanic or courtesy vehicle is taken)',
  tag: 'Appointments',
  auth: 'appointments.write',
  isolation: 'tenant',
  status: 201,
  body: createAppointmentBody,
  response: appointmentOut,
  example: (ids) => ({
    body: {
      location_id: ids.locationId,
      customer_id: ids.customerId,
      vehicle_id: ids.vehicleId,
      mechanic_id: ids.mechanicId,
      courtesy_vehicle_id: ids.courtesyVehicleId,
      starts_at: '2026-03-11T09:00:00-05:00',
      ends_at: '2026-03-11T10:00:00-05:00',
      service_requested: 'Oil change',
    },
  }),
  async handler({ db, scope, body, now }) {
    const { location_id, starts_at, ends_at, status, ...fields } = body;
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const keys = s.location(location_id);
      const booking = { ...fields, location_id, starts_at: new Date(starts_at), ends_at: new Date(ends_at) };
      await checkBooking(s, booking);
      const row = await trx
        .insertInto('appointments')
        .values({
          ...keys,
          ...fields,
          starts_at: booking.starts_at,
          ends_at: booking.ends_at,
          status,
          source: scope.actor.type === 'api_token' ? 'api' : 'staff',
          confirmed_at: status === 'confirmed' ? now : null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, scope, 'create', 'appointment', row.id, { starts_at, ends_at, status, mechanic_id: row.mechanic_id, customer_id: row.customer_id }, now);
      return presentAppointment(row);
    });
  },
});

