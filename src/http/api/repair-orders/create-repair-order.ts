// POST /api/v1/repair-orders: Create a repair order with lines and declined recommendations.
import { createRepairOrder } from '../../../commands/repair-orders/create-repair-order.ts';
import { loadDetail } from '../../../commands/repair-orders/repair-order-lines.ts';
import { defineRoute } from '../define.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import {
  createRepairOrderBody,
  exampleRepairOrder,
  presentRepairOrder,
  repairOrderDetail,
} from './schema.ts';

export const createRepairOrderRoute = defineRoute({
  method: 'POST',
  path: '/repair-orders',
  summary: 'Create a repair order with lines and declined recommendations',
  tag: 'Repair orders',
  auth: 'repair_orders.write',
  isolation: 'tenant',
  status: 201,
  body: createRepairOrderBody,
  response: repairOrderDetail,
  example: (ids) => ({
    body: {
      location_id: ids.locationId,
      customer_id: ids.customerId,
      vehicle_id: ids.vehicleId,
      ...exampleRepairOrder,
    },
  }),
  async handler({ db, scope, body, now }) {
    const { location_id, lines, recommendations, ...fields } = body;
    return db.transaction().execute(async (trx) => {
      const ro = await createRepairOrder(
        trx,
        scope,
        { locationId: location_id, fields, lines, recommendations },
        now,
      );
      return { ...presentRepairOrder(ro), ...(await loadDetail(scoped(trx, scope), ro.id)) };
    });
  },
});
