import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { scheduleOut } from './schema.ts';
import { withItems } from '../../../commands/maintenance/schedules.ts';

export const listSchedulesRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/maintenance-schedules',
  summary: 'Maintenance schedules of a location with their items (optionally for one make or make/model)',
  tag: 'Maintenance',
  auth: 'settings.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({
    make: z.string().trim().min(1).max(60).optional(),
    model: z.string().trim().min(1).max(60).optional(),
  }),
  response: z.object({ items: z.array(scheduleOut) }),
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, params, query }) {
    let q = s
      .selectFrom('maintenance_schedules')
      .select(['id', 'location_id', 'name', 'make', 'model'])
      .where('location_id', '=', s.location(params.locationId).location_id)
      .orderBy('make', (o) => o.nullsFirst())
      .orderBy('model', (o) => o.nullsFirst())
      .orderBy('id');
    if (query.make) q = q.where((eb) => eb(eb.fn('lower', ['make']), '=', query.make!.toLowerCase()));
    if (query.model) q = q.where((eb) => eb(eb.fn('lower', ['model']), '=', query.model!.toLowerCase()));
    return { items: await withItems(s, await q.execute()) };
  },
});
