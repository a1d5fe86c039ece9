import { defineRoute } from '../define.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { createMechanicBody, exampleHours, mechanicOut } from './schema.ts';
import { withHours } from './load-mechanics.ts';

export const createMechanicRoute = defineRoute({
  method: 'POST',
  path: '/mechanics',
  summary: 'Add a mechanic (with weekly hours)',
  tag: 'Mechanics',
  auth: 'mechanics.write',
  isolation: 'tenant',
  status: 201,
  body: createMechanicBody,
  response: mechanicOut,
  example: (ids) => ({
    body: {
      location_id: ids.locationId,
      name: 'Luc Bergeron',
      skills: ['brakes', 'diagnostics'],
      hours: exampleHours,
    },
  }),
  async handler({ db, scope, body, now }) {
    const { location_id, hours, ...fields } = body;
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const keys = s.location(location_id);
      if (fields.user_id) {
        await s.findUser(fields.user_id, 'user_id');
      }
      const row = await trx
        .insertInto('mechanics')
        .values({ ...keys, ...fields })
        .returningAll()
        .executeTakeFirstOrThrow();
      if (hours?.length)
        await trx
          .insertInto('mechanic_hours')
          .values(hours.map((h) => ({ org_id: scope.orgId, mechanic_id: row.id, ...h })))
          .execute();
      await audit(trx, scope, 'create', 'mechanic', row.id, { name: row.name, hours }, now);
      return (await withHours(s, [row]))[0]!;
    });
  },
});
