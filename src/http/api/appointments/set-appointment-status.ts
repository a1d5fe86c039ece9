// POST /appointments/:id/status: the life cycle (requested → confirmed → arrived → in_progress →
// done; no_show; cancelled). Confirming a requested appointment queues E05 in the same
// transaction, so the confirmation goes out exactly when the status commits.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { HttpError, notFound } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { canMove, NEXT_STATUS } from '../../../appointments/status-transitions.ts';
import { enqueueAppointmentConfirmation } from '../../../engine/events/appointment-confirmed.ts';
import { appointmentOut, presentAppointment, STATUSES } from './schema.ts';

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
  async handler({ db, scope, params, body, now }) {
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const before = await s.selectFrom('appointments').selectAll().where('id', '=', params.appointmentId).forUpdate().executeTakeFirst();
      if (!before) throw notFound(`Appointment ${params.appointmentId}`);
      if (!canMove(before.status, body.status)) {
        const allowed = NEXT_STATUS[before.status];
        throw new HttpError(409, 'invalid_transition', `status: a ${before.status} appointment cannot become ${body.status}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`, 'status');
      }
      const after = await s
        .updateTable('appointments')
        .set({ status: body.status, updated_at: now, ...(body.status === 'confirmed' ? { confirmed_at: now } : {}) })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (before.status === 'requested' && body.status === 'confirmed') await enqueueAppointmentConfirmation(trx, scope.orgId, before.id, now);
      await audit(trx, scope, 'set_status', 'appointment', before.id, { status: { from: before.status, to: body.status } }, now);
      return presentAppointment(after);
    });
  },
});
