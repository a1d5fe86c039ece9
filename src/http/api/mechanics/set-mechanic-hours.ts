// PUT /mechanics/:id/hours: replaces the weekly working hours (local time of the location).
// Existing bookings are not moved; availability uses the new hours at once.
import { setMechanicHours } from '../../../commands/mechanics/set-mechanic-hours.ts';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
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
    return db.transaction().execute(async (trx) => {
      const row = await setMechanicHours(
        trx,
        scope,
        { mechanicId: params.mechanicId, hours: body.hours },
        now,
      );
      return (await withHours(scoped(trx, scope), [row]))[0]!;
    });
  },
});
