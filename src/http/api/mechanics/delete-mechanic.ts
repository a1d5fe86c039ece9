import { deleteMechanic } from '../../../commands/mechanics/delete-mechanic.ts';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';

export const deleteMechanicRoute = defineRoute({
  method: 'DELETE',
  path: '/mechanics/:mechanicId',
  summary: 'Delete a mechanic with no appointments (otherwise deactivate: 409)',
  tag: 'Mechanics',
  auth: 'mechanics.write',
  isolation: 'tenant',
  status: 204,
  params: z.strictObject({ mechanicId: id }),
  response: z.undefined(),
  example: (ids) => ({ params: { mechanicId: ids.mechanicId } }),
  async handler({ db, scope, params, now }) {
    await db
      .transaction()
      .execute((trx) => deleteMechanic(trx, scope, { mechanicId: params.mechanicId }, now));
  },
});
