// PATCH /api/v1/repair-orders/:repairOrderId: Edit a repair order (lines and recommendations, when given, replace the old ones).
import { updateRepairOrder } from '../../../commands/repair-orders/update-repair-order.ts';
import { loadDetail } from '../../../commands/repair-orders/repair-order-lines.ts';
import { defineRoute } from '../define.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { presentRepairOrder, repairOrderDetail, updateRepairOrderBody } from './schema.ts';
import { params } from './shared.ts';

export const updateRepairOrderRoute = defineRoute({
  method: 'PATCH',
  path: '/repair-orders/:repairOrderId',
  summary: 'Edit a repair order (lines and recommendations, when given, replace the old ones)',
  tag: 'Repair orders',
  auth: 'repair_orders.write',
  isolation: 'tenant',
  params,
  body: updateRepairOrderBody,
  response: repairOrderDetail,
  example: (ids) => ({
    params: { repairOrderId: ids.repairOrderId },
    body: { status: 'closed', closed_on: '2026-03-10' },
  }),
  async handler({ db, scope, params, body, now }) {
    const { lines, recommendations, ...fields } = body;
    return db.transaction().execute(async (trx) => {
      const ro = await updateRepairOrder(
        trx,
        scope,
        { repairOrderId: params.repairOrderId, fields, lines, recommendations },
        now,
      );
      return { ...presentRepairOrder(ro), ...(await loadDetail(scoped(trx, scope), ro.id)) };
    });
  },
});
