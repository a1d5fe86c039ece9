// GET /api/v1/locations/:locationId/maintenance-schedules: a location's maintenance schedules with
// their items, a page at a time (keyset on id: the default schedule, made with the location, comes
// first), optionally for one make or make/model, or those whose name, make or model contains q.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, listQuery, page } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { scheduleOut } from './schema.ts';
import { withItems } from '../../../commands/maintenance/schedules.ts';

export const listSchedulesRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/maintenance-schedules',
  summary:
    'Maintenance schedules of a location with their items (optionally for one make or make/model, or matching q)',
  tag: 'Maintenance',
  auth: 'settings.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({
    ...listQuery,
    make: z.string().trim().min(1).max(60).optional(),
    model: z.string().trim().min(1).max(60).optional(),
    /** Part of the name, make or model (case-insensitive). */
    q: z.string().trim().min(1).max(60).optional(),
  }),
  response: page(scheduleOut),
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, params, query }) {
    let q = s
      .selectFrom('maintenance_schedules')
      .select(['id', 'location_id', 'name', 'make', 'model'])
      .where('location_id', '=', s.location(params.locationId).location_id)
      .where('id', '>', decodeCursor(query.cursor))
      .orderBy('id')
      .limit(query.limit + 1);
    if (query.make) q = q.where((eb) => eb(eb.fn('lower', ['make']), '=', query.make!.toLowerCase()));
    if (query.model) q = q.where((eb) => eb(eb.fn('lower', ['model']), '=', query.model!.toLowerCase()));
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([eb('name', 'ilike', like), eb('make', 'ilike', like), eb('model', 'ilike', like)]),
      );
    }
    const rows = await q.execute();
    const { items, next_cursor } = pageOf(rows, query.limit, (r) => r);
    return { items: await withItems(s, items), next_cursor };
  },
});
