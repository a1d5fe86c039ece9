// POST /appointments: book against real availability. Two requests racing for the same
// mechanic or courtesy vehicle: the EXCLUDE constraint lets one in and the other gets 409.
import { defineRoute } from '../define.ts';
import { appointmentOut, createAppointmentBody, presentAppointment } from './schema.ts';
import { bookAppointment } from '../../../commands/book-appointment.ts';

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
  handler: ({ db, scope, body, now }) =>
    db.transaction().execute(async (trx) => presentAppointment(await bookAppointment(trx, scope, body, now))),
});
