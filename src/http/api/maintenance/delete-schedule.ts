import { deleteMaintenanceSchedule } from '../../../commands/maintenance/delete-maintenance-schedule.ts';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';

export const deleteScheduleRoute = defineRoute({
  method: 'DELETE',
  path: '/maintenance-schedules/:scheduleId',
  summary:
    'Delete a make or make/model schedule (its vehicles fall back to the next most specific one; predictions are recomputed)',
  tag: 'Maintenance',
  auth: 'settings.write',
  isolation: 'tenant',
  status: 204,
  params: z.strictObject({ scheduleId: id }),
  response: z.undefined(),
  example: (ids) => ({ params: { scheduleId: ids.scheduleId } }),
  async handler({ db, scope, params, now }) {
    await db
      .transaction()
      .execute((trx) => deleteMaintenanceSchedule(trx, scope, { scheduleId: params.scheduleId }, now));
  },
});
