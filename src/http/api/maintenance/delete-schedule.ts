import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { HttpError, notFound } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';

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
    await db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const row = await s
        .selectFrom('maintenance_schedules')
        .select(['id', 'name', 'make', 'model', 'location_id'])
        .where('id', '=', params.scheduleId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw notFound(`Maintenance schedule ${params.scheduleId}`);
      if (row.make === null && row.model === null) {
        throw new HttpError(
          409,
          'in_use',
          'The default schedule (no make, no model) applies to every vehicle without a more specific one: edit its items instead of deleting it',
        );
      }
      await s.deleteFrom('maintenance_schedules').where('id', '=', row.id).execute();
      await audit(
        trx,
        scope,
        'delete',
        'maintenance_schedule',
        row.id,
        { name: row.name, make: row.make, model: row.model },
        now,
        row.location_id,
      );
    });
  },
});
