import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';

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
    await db.transaction().execute(async (trx) => {
      const row = await scoped(trx, scope)
        .deleteFrom('mechanics')
        .where('id', '=', params.mechanicId)
        .returning(['id', 'name', 'location_id'])
        .executeTakeFirst();
      if (!row) throw notFound(`Mechanic ${params.mechanicId}`);
      await audit(trx, scope, 'delete', 'mechanic', row.id, { name: row.name }, now, row.location_id);
    });
  },
});
