// PUT /mechanics/:id/hours: replaces the weekly working hours (local time of the location).
// Existing bookings are not moved; availability uses the new hours at once.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { HttpError, notFound } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { exampleHours, hoursBlock, mechanicOut } from './schema.ts';
import { withHours } from './load-mechanics.ts';

export const setMechanicHoursRoute = defineRoute({
  method: 'PUT',
  path: '/mechanics/:mechanicId/hours',
  summary: 'Replace a mechanic’s weekly working hours',
  tag: 'Mechanics',
  auth: 'mechanics.write',
  isolation: 'tenant',
  params: z.strictObject({ mechanicId: id }),
  body: z.strictObject({ hours: z.array(hoursBlock).max(50) }),
  response: mechanicOut,
  example: (ids) => ({ params: { mechanicId: ids.mechanicId }, body: { hours: exampleHours } }),
  async handler({ db, scope, params, body, now }) {
    const sorted = [...body.hours].sort(
      (a, b) => a.weekday - b.weekday || a.starts_at.localeCompare(b.starts_at),
    );
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      if (a.weekday === b.weekday && b.starts_at < a.ends_at)
        throw new HttpError(
          400,
          'invalid_input',
          `hours: two blocks overlap on weekday ${a.weekday}`,
          'hours',
        );
    }
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const mechanic = await s
        .selectFrom('mechanics')
        .selectAll()
        .where('id', '=', params.mechanicId)
        .forUpdate()
        .executeTakeFirst();
      if (!mechanic) throw notFound(`Mechanic ${params.mechanicId}`);
      await s.deleteFromChild('mechanic_hours').where('mechanic_id', '=', mechanic.id).execute();
      if (sorted.length)
        await trx
          .insertInto('mechanic_hours')
          .values(sorted.map((h) => ({ org_id: scope.orgId, mechanic_id: mechanic.id, ...h })))
          .execute();
      await audit(trx, scope, 'set_hours', 'mechanic', mechanic.id, { hours: sorted }, now);
      return (await withHours(s, [mechanic]))[0]!;
    });
  },
});
