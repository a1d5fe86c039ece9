import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { checkTarget, createScheduleBody, itemRow, scheduleOut, withItems } from './schema.ts';

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
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const keys = s.location(params.locationId);
      const make = body.make ?? null;
      const model = body.model ?? null;
      await checkTarget(trx, keys.org_id, keys.location_id, make, model, null);
      const row = await trx
        .insertInto('maintenance_schedules')
        .values({ ...keys, name: body.name, make, model })
        .returning(['id', 'location_id', 'name', 'make', 'model'])
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('maintenance_schedule_items')
        .values(body.items.map((it) => ({ org_id: keys.org_id, schedule_id: row.id, ...itemRow(it) })))
        .execute();
      const out = (await withItems(s, [row]))[0]!;
      await audit(
        trx,
        scope,
        'create',
        'maintenance_schedule',
        row.id,
        { name: out.name, make, model, items: out.items },
        now,
      );
      return out;
    });
  },
});
