// POST /appointments/:id/status: the life cycle (requested → confirmed → arrived → in_progress →
// done; no_show; cancelled). Confirming a requested appointment queues E05 in the same
// transaction, so the confirmation goes out exactly when the status commits.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { appointmentOut, presentAppointment, STATUSES } from './schema.ts';
import { setAppointmentStatus } from '../../../commands/set-appointment-status.ts';

export const setAppointmentStatusRoute = defineRoute({
  method: 'POST',
  path: '/appointments/:appointmentId/status',
  summary: 'Change an appointment’s status (confirming a request sends E05)',
  tag: 'Appointments',
  auth: 'appointments.write',
  isolation: 'tenant',
  params: z.strictObject({ appointmentId: id }),
  body: z.strictObject({ status: z.enum(STATUSES) }),
  response: appointmentOut,
  example: (ids) => ({ params: { appointmentId: ids.appointmentId }, body: { status: 'arrived' } }),
  handler: ({ db, scope, params, body, now }) =>
    db
      .transaction()
      .execute(async (trx) =>
        presentAppointment(
          await setAppointmentStatus(
            trx,
            scope,
            { appointmentId: params.appointmentId, status: body.status },
            now,
          ),
        ),
      ),
});
