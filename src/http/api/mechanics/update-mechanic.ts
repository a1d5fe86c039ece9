import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { audit, diff } from '../../../accounts/audit.ts';
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
      const s = scoped(trx, scope);
      const before = await s
        .selectFrom('mechanics')
        .selectAll()
        .where('id', '=', params.mechanicId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound(`Mechanic ${params.mechanicId}`);
      if (body.user_id) {
        await s.findUser(body.user_id, 'user_id');
      }
      // An empty body changes nothing: the record as it is, and no audit entry.
      if (Object.keys(body).length === 0) {
        const after = before;
        return (await withHours(s, [after]))[0]!;
      }
      const after = await s
        .updateTable('mechanics')
        .set(body)
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, scope, 'update', 'mechanic', before.id, diff(before, body), now);
      return (await withHours(s, [after]))[0]!;
    });
  },
});
