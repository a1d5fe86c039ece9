// PATCH /appointments/:id: move, reassign, or edit notes. Moving re-checks hours and overlaps.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { HttpError, notFound } from '../../errors.ts';
import { audit, diff } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { checkBooking } from './check-booking.ts';
import { appointmentOut, presentAppointment, updateAppointmentBody } from './schema.ts';

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
  example: (ids) => ({ params: { appointmentId: ids.appointmentId }, body: { starts_at: '2026-03-11T13:00:00-05:00', ends_at: '2026-03-11T14:00:00-05:00', notes: 'Customer asked for the afternoon' } }),
  async handler({ db, scope, params, body, now }) {
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const before = await s.selectFrom('appointments').selectAll().where('id', '=', params.appointmentId).forUpdate().executeTakeFirst();
      if (!before) throw notFound(`Appointment ${params.appointmentId}`);
      if (['done', 'no_show', 'cancelled'].includes(before.status)) throw new HttpError(409, 'conflict', `A ${before.status} appointment cannot be changed`, 'status');
      const next = {
        location_id: before.location_id,
        customer_id: body.customer_id !== undefined ? body.customer_id : before.customer_id,
        vehicle_id: body.vehicle_id !== undefined ? body.vehicle_id : before.vehicle_id,
        mechanic_id: body.mechanic_id !== undefined ? body.mechanic_id : before.mechanic_id,
        courtesy_vehicle_id: body.courtesy_vehicle_id !== undefined ? body.courtesy_vehicle_id : before.courtesy_vehicle_id,
        starts_at: body.starts_at ? new Date(body.starts_at) : before.starts_at,
        ends_at: body.ends_at ? new Date(body.ends_at) : before.ends_at,
      };
      await checkBooking(s, next);
      const { starts_at: _s, ends_at: _e, ...rest } = body;
      const after = await s
        .updateTable('appointments')
        .set({ ...rest, starts_at: next.starts_at, ends_at: next.ends_at, updated_at: now })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const changes = diff(before, { ...rest, starts_at: next.starts_at, ends_at: next.ends_at });
      if (Object.keys(changes).length > 0) await audit(trx, scope, 'update', 'appointment', before.id, changes, now);
      return presentAppointment(after);
    });
  },
});
