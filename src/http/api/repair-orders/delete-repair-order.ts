// DELETE /api/v1/repair-orders/:repairOrderId: Delete a repair order.
import { deleteRepairOrder } from '../../../commands/repair-orders/delete-repair-order.ts';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { params } from './shared.ts';

export const deleteRepairOrderRoute = defineRoute({
  method: 'DELETE',
  path: '/repair-orders/:repairOrderId',
  summary: 'Delete a repair order',
  tag: 'Repair orders',
  auth: 'repair_orders.write',
  isolation: 'tenant',
  status: 204,
  params,
  response: z.undefined(),
  example: (ids) => ({ params: { repairOrderId: ids.repairOrderId } }),
  async handler({ db, scope, params, now }) {
    await db
      .transaction()
      .execute((trx) => deleteRepairOrder(trx, scope, { repairOrderId: params.repairOrderId }, now));
  },
});
