import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, listQuery, page, qBool } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { mechanicOut } from './schema.ts';
import { withHours } from './load-mechanics.ts';

export const listMechanicsRoute = defineRoute({
  method: 'GET',
  path: '/mechanics',
  summary: 'List mechanics with working hours',
  tag: 'Mechanics',
  auth: 'mechanics.read',
  isolation: 'tenant',
  query: z.strictObject({
    ...listQuery,
    location_id: id.optional(),
    active: qBool.optional(),
    skill: z.string().max(50).optional(),
  }),
  response: page(mechanicOut),
  example: (ids) => ({ query: { location_id: ids.locationId, active: true } }),
  async handler({ s, query }) {
    let q = s
      .selectFrom('mechanics')
      .selectAll()
      .where('id', '>', decodeCursor(query.cursor))
      .orderBy('id')
      .limit(query.limit + 1);
    if (query.location_id) q = q.where('location_id', '=', s.location(query.location_id).location_id);
    if (query.active !== undefined) q = q.where('active', '=', query.active);
    if (query.skill) q = q.where((eb) => eb(eb.val(query.skill!), '=', eb.fn.any('skills')));
    const rows = await q.execute();
    const page = pageOf(rows, query.limit, (r) => r);
    return { items: await withHours(s, page.items), next_cursor: page.next_cursor };
  },
});
