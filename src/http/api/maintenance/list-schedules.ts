// GET /api/v1/locations/:locationId/maintenance-schedules: a location's maintenance schedules with
// their items, a page at a time (keyset on id: the default schedule, made with the location, comes
// first), optionally for one make or make/model, or those whose name, make or model contains q.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, page, sortedListQuery } from '../schemas.ts';
import { keysetSorted, parseSort, sortedPage, type SortColumns } from '../../../db/keyset-sort.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { scheduleOut } from './schema.ts';
import { withItems } from '../../../commands/maintenance/schedules.ts';

/** The columns a schedule list sorts by (`sort=name`, `sort=-make`); by id (default first) without. */
export const SCHEDULE_SORTS: SortColumns = {
  name: { ref: 'name', type: 'text' },
  make: { ref: 'make', type: 'text', nullable: true },
  model: { ref: 'model', type: 'text', nullable: true },
};

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
    ...sortedListQuery(SCHEDULE_SORTS),
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
      .where('location_id', '=', s.location(params.locationId).location_id);
    if (query.make) q = q.where((eb) => eb(eb.fn('lower', ['make']), '=', query.make!.toLowerCase()));
    if (query.model) q = q.where((eb) => eb(eb.fn('lower', ['model']), '=', query.model!.toLowerCase()));
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) =>
        eb.or([eb('name', 'ilike', like), eb('make', 'ilike', like), eb('model', 'ilike', like)]),
      );
    }
    const { items, next_cursor } = query.sort
      ? await (async (sort) =>
          sortedPage(
            await keysetSorted(q, sort, 'id', query.cursor, query.limit).execute(),
            query.limit,
            sort,
            (r) => r,
          ))(parseSort(SCHEDULE_SORTS, query.sort))
      : pageOf(
          await q
            .where('id', '>', decodeCursor(query.cursor))
            .orderBy('id')
            .limit(query.limit + 1)
            .execute(),
          query.limit,
          (r) => r,
        );
    return { items: await withItems(s, items), next_cursor };
  },
});
