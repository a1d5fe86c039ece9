import { updateMechanic } from '../../../commands/mechanics/update-mechanic.ts';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { mechanicOut, updateMechanicBody } from './schema.ts';
import { withHours } from './load-mechanics.ts';

export const updateMechanicRoute = defineRoute({
  method: 'PATCH',
  path: '/mechanics/:mechanicId',
  summary: 'Edit a mechanic (deactivate with active: false)',
  tag: 'Mechanics',
  auth: 'mechanics.write',
  isolation: 'tenant',
  params: z.strictObject({ mechanicId: id }),
  body: updateMechanicBody,
  response: mechanicOut,
  example: (ids) => ({ params: { mechanicId: ids.mechanicId }, body: { skills: ['brakes', 'tires'] } }),
  async handler({ db, scope, params, body, now }) {
    return db.transaction().execute(async (trx) => {
      const row = await updateMechanic(trx, scope, { mechanicId: params.mechanicId, fields: body }, now);
      return (await withHours(scoped(trx, scope), [row]))[0]!;
    });
  },
});
