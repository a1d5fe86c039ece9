import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, listQuery, page } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { presentVehicle, vehicleOut } from './schema.ts';

export const listVehiclesRoute = defineRoute({
  method: 'GET',
  path: '/vehicles',
  summary: 'List vehicles (filter by location, customer, VIN, plate, status)',
  tag: 'Vehicles',
  auth: 'vehicles.read',
  isolation: 'tenant',
  query: z.strictObject({
    ...listQuery,
    location_id: id.optional(),
    customer_id: id.optional(),
    vin: z.string().trim().toUpperCase().max(17).optional(),
    plate: z.string().trim().max(20).optional(),
    status: z.enum(['active', 'sold', 'scrapped']).optional(),
  }),
  response: page(vehicleOut),
  example: (ids) => ({ query: { location_id: ids.locationId, customer_id: ids.customerId } }),
  async handler({ s, query }) {
    let q = s
      .selectFrom('vehicles')
      .selectAll()
      .where('id', '>', decodeCursor(query.cursor))
      .orderBy('id')
      .limit(query.limit + 1);
    if (query.location_id) q = q.where('location_id', '=', s.location(query.location_id).location_id);
    if (query.customer_id)
      q = q.where(
        'customer_id',
        '=',
        (await s.find('customers', query.customer_id, 'Customer', 'customer_id')).id,
      );
    if (query.vin) q = q.where('vin', '=', query.vin);
    if (query.plate) q = q.where('plate', '=', query.plate);
    if (query.status) q = q.where('status', '=', query.status);
    return pageOf(await q.execute(), query.limit, presentVehicle);
  },
});
