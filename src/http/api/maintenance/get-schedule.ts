import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { scheduleOut } from './schema.ts';
import { withItems } from '../../../commands/maintenance/schedules.ts';

export const getScheduleRoute = defineRoute({
  method: 'GET',
  path: '/maintenance-schedules/:scheduleId',
  summary: 'A maintenance schedule with its items',
  tag: 'Maintenance',
  auth: 'settings.read',
  isolation: 'tenant',
  params: z.strictObject({ scheduleId: id }),
  response: scheduleOut,
  example: (ids) => ({ params: { scheduleId: ids.scheduleId } }),
  async handler({ s, params }) {
    const row = await s
      .selectFrom('maintenance_schedules')
      .select(['id', 'location_id', 'name', 'make', 'model'])
      .where('id', '=', params.scheduleId)
      .executeTakeFirst();
    if (!row) throw notFound(`Maintenance schedule ${params.scheduleId}`);
    return (await withItems(s, [row]))[0]!;
  },
});
