// DELETE /api/v1/repair-orders/:repairOrderId: Delete a repair order.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { notFound } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
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
    await db.transaction().execute(async (trx) => {
      const row = await scoped(trx, scope)
        .deleteFrom('repair_orders')
        .where('id', '=', params.repairOrderId)
        .returning(['id', 'ro_number', 'location_id'])
        .executeTakeFirst();
      if (!row) throw notFound(`Repair order ${params.repairOrderId}`);
      await audit(
        trx,
        scope,
        'delete',
        'repair_order',
        row.id,
        { ro_number: row.ro_number },
        now,
        row.location_id,
      );
    });
  },
});
