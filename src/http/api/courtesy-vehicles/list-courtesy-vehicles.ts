// GET /api/v1/courtesy-vehicles: List courtesy vehicles.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, listQuery, page, qBool } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { courtesyVehicleOut, presentCourtesyVehicle } from './schema.ts';

export const listCourtesyVehiclesRoute = defineRoute({
  method: 'GET',
  path: '/courtesy-vehicles',
  summary: 'List courtesy vehicles',
  tag: 'Courtesy vehicles',
  auth: 'courtesy_vehicles.read',
  isolation: 'tenant',
  query: z.strictObject({ ...listQuery, location_id: id.optional(), active: qBool.optional() }),
  response: page(courtesyVehicleOut),
  example: (ids) => ({ query: { location_id: ids.locationId } }),
  async handler({ s, query }) {
    let q = s
      .selectFrom('courtesy_vehicles')
      .selectAll()
      .where('id', '>', decodeCursor(query.cursor))
      .orderBy('id')
      .limit(query.limit + 1);
    if (query.location_id) q = q.where('location_id', '=', s.location(query.location_id).location_id);
    if (query.active !== undefined) q = q.where('active', '=', query.active);
    return pageOf(await q.execute(), query.limit, presentCourtesyVehicle);
  },
});
