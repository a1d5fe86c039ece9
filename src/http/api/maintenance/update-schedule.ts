import { updateMaintenanceSchedule } from '../../../commands/maintenance/update-maintenance-schedule.ts';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { scheduleOut, updateScheduleBody } from './schema.ts';

export const updateScheduleRoute = defineRoute({
  method: 'PATCH',
  path: '/maintenance-schedules/:scheduleId',
  summary:
    'Edit a maintenance schedule: name, make/model, or all its items at once (items replaces the list); predictions are recomputed',
  tag: 'Maintenance',
  auth: 'settings.write',
  isolation: 'tenant',
  params: z.strictObject({ scheduleId: id }),
  body: updateScheduleBody,
  response: scheduleOut,
  example: (ids) => ({
    params: { scheduleId: ids.scheduleId },
    body: {
      name: 'Edited schedule',
      items: [
        {
          code: 'OIL',
          description: {
            en: 'Oil and filter change',
            fr: "Vidange d'huile et filtre",
            es: 'Cambio de aceite y filtro',
          },
          every_km: 10000,
          every_months: 12,
        },
      ],
    },
  }),
  async handler({ db, scope, params, body, now }) {
    return db
      .transaction()
      .execute((trx) =>
        updateMaintenanceSchedule(trx, scope, { scheduleId: params.scheduleId, ...body }, now),
      );
  },
});
