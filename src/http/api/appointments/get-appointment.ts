import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { appointmentOut, presentAppointment } from './schema.ts';

export const getAppointmentRoute = defineRoute({
  method: 'GET',
  path: '/appointments/:appointmentId',
  summary: 'An appointment',
  tag: 'Appointments',
  auth: 'appointments.read',
  isolation: 'tenant',
  params: z.strictObject({ appointmentId: id }),
  response: appointmentOut,
  example: (ids) => ({ params: { appointmentId: ids.appointmentId } }),
  async handler({ s, params }) {
    const row = await s
      .selectFrom('appointments')
      .selectAll()
      .where('id', '=', params.appointmentId)
      .executeTakeFirst();
    if (!row) throw notFound(`Appointment ${params.appointmentId}`);
    return presentAppointment(row);
  },
});
