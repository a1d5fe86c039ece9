import { createMaintenanceSchedule } from '../../../commands/maintenance/create-maintenance-schedule.ts';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { createScheduleBody, scheduleOut } from './schema.ts';

export const createScheduleRoute = defineRoute({
  method: 'POST',
  path: '/locations/:locationId/maintenance-schedules',
  summary:
    'Add a maintenance schedule for a make or a make/model (the most specific applies); predictions are recomputed',
  tag: 'Maintenance',
  auth: 'settings.write',
  isolation: 'tenant',
  status: 201,
  params: z.strictObject({ locationId: id }),
  body: createScheduleBody,
  response: scheduleOut,
  example: (ids) => ({
    params: { locationId: ids.locationId },
    body: {
      name: 'Electric vehicles',
      make: 'Tesla',
      model: 'Model 3',
      items: [
        {
          code: 'CABIN_FILTER',
          description: {
            en: 'Cabin air filter',
            fr: "Filtre à air de l'habitacle",
            es: 'Filtro de aire de la cabina',
          },
          every_months: 24,
        },
        {
          code: 'ROTATE',
          description: { en: 'Tire rotation', fr: 'Permutation des pneus', es: 'Rotación de neumáticos' },
          every_mi: 6250,
          every_months: 12,
        },
      ],
    },
  }),
  async handler({ db, scope, params, body, now }) {
    return db
      .transaction()
      .execute((trx) =>
        createMaintenanceSchedule(trx, scope, { locationId: params.locationId, ...body }, now),
      );
  },
});
