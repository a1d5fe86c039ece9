// Repair orders (invoices) with their lines and declined recommendations.
// customers.last_visit_on / vehicles.last_visit_on are kept by a database trigger (0401).
import { z } from 'zod';
import type { Insertable, Updateable } from 'kysely';
import type { RepairOrdersTable } from '../../../db/schema.ts';
import { defineRoute } from '../define.ts';
import { dateStr, id, listQuery, page } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { notFound } from '../../errors.ts';
import { audit, diff } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { createRepairOrderBody, exampleRepairOrder, presentRepairOrder, repairOrderDetail, repairOrderOut, updateRepairOrderBody } from './schema.ts';
import { loadDetail, recordOdometer, replaceLines } from './write-lines.ts';

const params = z.strictObject({ repairOrderId: id });

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
    let q = s.selectFrom('repair_orders').selectAll().where('id', '>', decodeCursor(query.cursor)).orderBy('id').limit(query.limit + 1);
    if (query.location_id) q = q.where('location_id', '=', s.location(query.location_id).location_id);
    if (query.customer_id) q = q.where('customer_id', '=', (await s.find('customers', query.customer_id, 'Customer', 'customer_id')).id);
    if (query.vehicle_id) q = q.where('vehicle_id', '=', (await s.find('vehicles', query.vehicle_id, 'Vehicle', 'vehicle_id')).id);
    if (query.status) q = q.where('status', '=', query.status);
    if (query.closed_from) q = q.where('closed_on', '>=', query.closed_from);
    if (query.closed_to) q = q.where('closed_on', '<=', query.closed_to);
    if (query.ro_number) q = q.where('ro_number', '=', query.ro_number);
    return pageOf(await q.execute(), query.limit, presentRepairOrder);
  },
});

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
    const ro = await s.selectFrom('repair_orders').selectAll().where('id', '=', params.repairOrderId).executeTakeFirst();
    if (!ro) throw notFound(`Repair order ${params.repairOrderId}`);
    return { ...presentRepairOrder(ro), ...(await loadDetail(s, ro.id)) };
  },
});

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
  example: (ids) => ({ body: { location_id: ids.locationId, customer_id: ids.customerId, vehicle_id: ids.vehicleId, ...exampleRepairOrder } }),
  async handler({ db, scope, body, now }) {
    const { location_id, lines, recommendations, ...fields } = body;
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const keys = s.location(location_id);
      if (fields.customer_id) await s.find('customers', fields.customer_id, 'Customer', 'customer_id');
      if (fields.vehicle_id) await s.find('vehicles', fields.vehicle_id, 'Vehicle', 'vehicle_id');
      const ro = await trx.insertInto('repair_orders').values({ ...keys, ...fields, created_at: now } as Insertable<RepairOrdersTable>).returningAll().executeTakeFirstOrThrow();
      await replaceLines(trx, s, scope.orgId, ro.id, lines, recommendations);
      await recordOdometer(trx, scope.orgId, ro.vehicle_id, ro.closed_on ?? ro.opened_on, ro.odometer);
      await audit(trx, scope, 'create', 'repair_order', ro.id, { ro_number: ro.ro_number, status: ro.status, lines: lines?.length ?? 0 }, now);
      return { ...presentRepairOrder(ro), ...(await loadDetail(s, ro.id)) };
    });
  },
});

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
  example: (ids) => ({ params: { repairOrderId: ids.repairOrderId }, body: { status: 'closed', closed_on: '2026-03-10' } }),
  async handler({ db, scope, params, body, now }) {
    const { lines, recommendations, ...fields } = body;
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const before = await s.selectFrom('repair_orders').selectAll().where('id', '=', params.repairOrderId).forUpdate().executeTakeFirst();
      if (!before) throw notFound(`Repair order ${params.repairOrderId}`);
      if (fields.customer_id) await s.find('customers', fields.customer_id, 'Customer', 'customer_id');
      if (fields.vehicle_id) await s.find('vehicles', fields.vehicle_id, 'Vehicle', 'vehicle_id');
      const after = Object.keys(fields).length
        ? await s.updateTable('repair_orders').set(fields as Updateable<RepairOrdersTable>).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow()
        : before;
      await replaceLines(trx, s, scope.orgId, before.id, lines, recommendations);
      if (fields.odometer !== undefined) await recordOdometer(trx, scope.orgId, after.vehicle_id, after.closed_on ?? after.opened_on, after.odometer);
      await audit(trx, scope, 'update', 'repair_order', before.id, { ...diff(before, fields), ...(lines ? { lines: lines.length } : {}), ...(recommendations ? { recommendations: recommendations.length } : {}) }, now);
      return { ...presentRepairOrder(after), ...(await loadDetail(s, before.id)) };
    });
  },
});

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
      const row = await scoped(trx, scope).deleteFrom('repair_orders').where('id', '=', params.repairOrderId).returning(['id', 'ro_number']).executeTakeFirst();
      if (!row) throw notFound(`Repair order ${params.repairOrderId}`);
      await audit(trx, scope, 'delete', 'repair_order', row.id, { ro_number: row.ro_number }, now);
    });
  },
});
