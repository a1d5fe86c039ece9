// POST /api/v1/repair-orders: Create a repair order with lines and declined recommendations.
import type { Insertable } from 'kysely';
import type { RepairOrdersTable } from '../../../db/schema.ts';
import { defineRoute } from '../define.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import {
  createRepairOrderBody,
  exampleRepairOrder,
  presentRepairOrder,
  repairOrderDetail,
} from './schema.ts';
import { loadDetail, recordOdometer, replaceLines } from './write-lines.ts';

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
      const s = scoped(trx, scope);
      const keys = s.location(location_id);
      if (fields.customer_id) await s.find('customers', fields.customer_id, 'Customer', 'customer_id');
      if (fields.vehicle_id) await s.find('vehicles', fields.vehicle_id, 'Vehicle', 'vehicle_id');
      const ro = await trx
        .insertInto('repair_orders')
        .values({ ...keys, ...fields, created_at: now } as Insertable<RepairOrdersTable>)
        .returningAll()
        .executeTakeFirstOrThrow();
      await replaceLines(trx, s, scope.orgId, ro.id, lines, recommendations);
      await recordOdometer(trx, scope.orgId, ro.vehicle_id, ro.closed_on ?? ro.opened_on, ro.odometer);
      await audit(
        trx,
        scope,
        'create',
        'repair_order',
        ro.id,
        { ro_number: ro.ro_number, status: ro.status, lines: lines?.length ?? 0 },
        now,
      );
      return { ...presentRepairOrder(ro), ...(await loadDetail(s, ro.id)) };
    });
  },
});
