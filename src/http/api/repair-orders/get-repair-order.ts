// GET /api/v1/repair-orders/:repairOrderId: A repair order with lines and recommendations.
import { defineRoute } from '../define.ts';
import { notFound } from '../../errors.ts';
import { presentRepairOrder, repairOrderDetail } from './schema.ts';
import { loadDetail } from '../../../commands/repair-orders/repair-order-lines.ts';
import { params } from './shared.ts';

export const getRepairOrderRoute = defineRoute({
  method: 'GET',
  path: '/repair-orders/:repairOrderId',
  summary: 'A repair order with lines and recommendations',
  tag: 'Repair orders',
  auth: 'repair_orders.read',
  isolation: 'tenant',
  params,
  response: repairOrderDetail,
  example: (ids) => ({ params: { repairOrderId: ids.repairOrderId } }),
  async handler({ s, params }) {
    const ro = await s
      .selectFrom('repair_orders')
      .selectAll()
      .where('id', '=', params.repairOrderId)
      .executeTakeFirst();
    if (!ro) throw notFound(`Repair order ${params.repairOrderId}`);
    return { ...presentRepairOrder(ro), ...(await loadDetail(s, ro.id)) };
  },
});
