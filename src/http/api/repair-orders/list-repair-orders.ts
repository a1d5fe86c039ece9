// GET /api/v1/repair-orders: List repair orders (filter by location, customer, vehicle, status, closing dates).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { dateStr, id, listQuery, page } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { presentRepairOrder, repairOrderOut } from './schema.ts';

export const listRepairOrdersRoute = defineRoute({
  method: 'GET',
  path: '/repair-orders',
  summary: 'List repair orders (filter by location, customer, vehicle, status, closing dates)',
  tag: 'Repair orders',
  auth: 'repair_orders.read',
  isolation: 'tenant',
  query: z.strictObject({
    ...listQuery,
    location_id: id.optional(),
    customer_id: id.optional(),
    vehicle_id: id.optional(),
    status: z.enum(['open', 'closed', 'void']).optional(),
    closed_from: dateStr.optional(),
    closed_to: dateStr.optional(),
    ro_number: z.string().max(50).optional(),
  }),
  response: page(repairOrderOut),
  example: (ids) => ({ query: { location_id: ids.locationId, customer_id: ids.customerId } }),
  async handler({ s, query }) {
    let q = s
      .selectFrom('repair_orders')
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
    if (query.vehicle_id)
      q = q.where(
        'vehicle_id',
        '=',
        (await s.find('vehicles', query.vehicle_id, 'Vehicle', 'vehicle_id')).id,
      );
    if (query.status) q = q.where('status', '=', query.status);
    if (query.closed_from) q = q.where('closed_on', '>=', query.closed_from);
    if (query.closed_to) q = q.where('closed_on', '<=', query.closed_to);
    if (query.ro_number) q = q.where('ro_number', '=', query.ro_number);
    return pageOf(await q.execute(), query.limit, presentRepairOrder);
  },
});
