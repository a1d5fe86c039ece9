// PATCH /api/v1/repair-orders/:repairOrderId: Edit a repair order (lines and recommendations, when given, replace the old ones).
import type { Updateable } from 'kysely';
import type { RepairOrdersTable } from '../../../db/schema.ts';
import { defineRoute } from '../define.ts';
import { notFound } from '../../errors.ts';
import { audit, diff } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { presentRepairOrder, repairOrderDetail, updateRepairOrderBody } from './schema.ts';
import { loadDetail, recordOdometer, replaceLines } from './write-lines.ts';
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
      const s = scoped(trx, scope);
      const before = await s
        .selectFrom('repair_orders')
        .selectAll()
        .where('id', '=', params.repairOrderId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound(`Repair order ${params.repairOrderId}`);
      if (fields.customer_id) await s.find('customers', fields.customer_id, 'Customer', 'customer_id');
      if (fields.vehicle_id) await s.find('vehicles', fields.vehicle_id, 'Vehicle', 'vehicle_id');
      const after = Object.keys(fields).length
        ? await s
            .updateTable('repair_orders')
            .set(fields as Updateable<RepairOrdersTable>)
            .where('id', '=', before.id)
            .returningAll()
            .executeTakeFirstOrThrow()
        : before;
      await replaceLines(trx, s, scope.orgId, before.id, lines, recommendations);
      if (fields.odometer !== undefined)
        await recordOdometer(
          trx,
          scope.orgId,
          after.vehicle_id,
          after.closed_on ?? after.opened_on,
          after.odometer,
        );
      await audit(
        trx,
        scope,
        'update',
        'repair_order',
        before.id,
        {
          ...diff(before, fields),
          ...(lines ? { lines: lines.length } : {}),
          ...(recommendations ? { recommendations: recommendations.length } : {}),
        },
        now,
      );
      return { ...presentRepairOrder(after), ...(await loadDetail(s, before.id)) };
    });
  },
});
