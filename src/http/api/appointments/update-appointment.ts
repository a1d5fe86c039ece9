// PATCH /appointments/:id: move, reassign, or edit notes. Moving re-checks hours and overlaps.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { appointmentOut, presentAppointment, updateAppointmentBody } from './schema.ts';
import { updateAppointment } from '../../../commands/update-appointment.ts';

export const updateAppointmentRoute = defineRoute({
  method: 'PATCH',
  path: '/appointments/:appointmentId',
  summary: 'Move or edit an appointment',
  tag: 'Appointments',
  auth: 'appointments.write',
  isolation: 'tenant',
  params: z.strictObject({ appointmentId: id }),
  body: updateAppointmentBody,
  response: appointmentOut,
  example: (ids) => ({
    params: { appointmentId: ids.appointmentId },
    body: {
      starts_at: '2026-03-11T13:00:00-05:00',
      ends_at: '2026-03-11T14:00:00-05:00',
      notes: 'Customer asked for the afternoon',
    },
  }),
  handler: ({ db, scope, params, body, now }) =>
    db
      .transaction()
      .execute(async (trx) =>
        presentAppointment(
          await updateAppointment(trx, scope, { appointmentId: params.appointmentId, fields: body }, now),
        ),
      ),
});
