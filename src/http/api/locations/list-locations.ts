// GET /api/v1/locations: Locations the caller may see.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { listQuery, page } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { locationOut, presentLocation } from './schema.ts';

export const listLocationsRoute = defineRoute({
  method: 'GET',
  path: '/locations',
  summary: 'Locations the caller may see',
  tag: 'Locations',
  auth: 'locations.read',
  isolation: { exempt: 'takes no ids; lists only the caller’s locations (checked by the scope tests)' },
  query: z.strictObject({ ...listQuery, code: z.string().max(50).optional() }),
  response: page(locationOut),
  async handler({ s, scope, query }) {
    let q = s
      .selectFromOrg('locations')
      .selectAll()
      .where('id', 'in', scope.locationIds.length ? scope.locationIds : [0])
      .where('id', '>', decodeCursor(query.cursor))
      .orderBy('id')
      .limit(query.limit + 1);
    if (query.code) q = q.where('code', '=', query.code);
    return pageOf(await q.execute(), query.limit, presentLocation);
  },
});
