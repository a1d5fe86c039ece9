import { createMechanic } from '../../../commands/mechanics/create-mechanic.ts';
import { defineRoute } from '../define.ts';
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
    const { location_id, hours, user_id, ...fields } = body;
    return db.transaction().execute(async (trx) => {
      const row = await createMechanic(
        trx,
        scope,
        { locationId: location_id, ...fields, userId: user_id, hours },
        now,
      );
      return (await withHours(scoped(trx, scope), [row]))[0]!;
    });
  },
});
