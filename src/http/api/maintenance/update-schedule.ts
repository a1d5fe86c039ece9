import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { HttpError, notFound } from '../../errors.ts';
import { audit, diff } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { checkTarget, itemRow, scheduleOut, updateScheduleBody, withItems } from './schema.ts';

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
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const before = await s
        .selectFrom('maintenance_schedules')
        .select(['id', 'location_id', 'name', 'make', 'model'])
        .where('id', '=', params.scheduleId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound(`Maintenance schedule ${params.scheduleId}`);
      const target = {
        make: body.make !== undefined ? body.make : before.make,
        model: body.model !== undefined ? body.model : before.model,
      };
      const wasDefault = before.make === null && before.model === null;
      if (wasDefault && (target.make !== null || target.model !== null)) {
        throw new HttpError(
          400,
          'invalid_input',
          'make: the default schedule (no make, no model) applies to every vehicle without a more specific one; add a schedule for the make instead',
          'make',
        );
      }
      await checkTarget(trx, scope.orgId, before.location_id, target.make, target.model, before.id);
      const beforeOut = (await withItems(s, [before]))[0]!;
      const fields = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.make !== undefined ? { make: target.make } : {}),
        ...(body.model !== undefined ? { model: target.model } : {}),
      };
      const after = Object.keys(fields).length
        ? await s
            .updateTable('maintenance_schedules')
            .set(fields)
            .where('id', '=', before.id)
            .returning(['id', 'location_id', 'name', 'make', 'model'])
            .executeTakeFirstOrThrow()
        : before;
      if (body.items) {
        await s.deleteFromChild('maintenance_schedule_items').where('schedule_id', '=', before.id).execute();
        await trx
          .insertInto('maintenance_schedule_items')
          .values(body.items.map((it) => ({ org_id: scope.orgId, schedule_id: before.id, ...itemRow(it) })))
          .execute();
      }
      const out = (await withItems(s, [after]))[0]!;
      const changes = diff(beforeOut, { ...fields, ...(body.items ? { items: out.items } : {}) });
      if (Object.keys(changes).length > 0)
        await audit(trx, scope, 'update', 'maintenance_schedule', before.id, changes, now);
      return out;
    });
  },
});
