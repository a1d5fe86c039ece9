// Migration 0401: customers/vehicles.last_visit_on follow their closed repair orders whatever
// writes them (a plain INSERT/UPDATE/DELETE here stands for the API and any other path).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function lastVisits(orgId: number, customerId: number, vehicleId: number) {
  const c = await database.db
    .selectFrom('customers')
    .select('last_visit_on')
    .where('org_id', '=', orgId)
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
  const v = await database.db
    .selectFrom('vehicles')
    .select('last_visit_on')
    .where('org_id', '=', orgId)
    .where('id', '=', vehicleId)
    .executeTakeFirstOrThrow();
  return { customer: c.last_visit_on, vehicle: v.last_visit_on };
}

describe('last_visit_on trigger', () => {
  it('follows new, voided, moved and deleted invoices', async () => {
    const db = database.db;
    const shop = await makeShop(db);
    const customer = await makeCustomer(db, shop);
    const other = await makeCustomer(db, shop);
    const vehicle = await makeVehicle(db, shop, customer.id);
    const ro = (number: string, closed: string | null, status: 'open' | 'closed' | 'void' = 'closed') => ({
      org_id: shop.orgId,
      location_id: shop.locationId,
      ro_number: number,
      customer_id: customer.id,
      vehicle_id: vehicle.id,
      opened_on: closed ?? '2025-06-01',
      closed_on: closed,
      status,
    });
    expect(await lastVisits(shop.orgId, customer.id, vehicle.id)).toEqual({ customer: null, vehicle: null });

    await db
      .insertInto('repair_orders')
      .values([ro('A1', '2025-03-10'), ro('A2', '2025-05-20'), ro('A3', null, 'open')])
      .execute();
    expect(await lastVisits(shop.orgId, customer.id, vehicle.id)).toEqual({
      customer: '2025-05-20',
      vehicle: '2025-05-20',
    });

    // Voiding the latest invoice falls back to the one before.
    await db.updateTable('repair_orders').set({ status: 'void' }).where('ro_number', '=', 'A2').execute();
    expect(await lastVisits(shop.orgId, customer.id, vehicle.id)).toEqual({
      customer: '2025-03-10',
      vehicle: '2025-03-10',
    });

    // Moving an invoice to another customer refreshes both customers.
    await db.updateTable('repair_orders').set({ status: 'closed' }).where('ro_number', '=', 'A2').execute();
    await db
      .updateTable('repair_orders')
      .set({ customer_id: other.id })
      .where('ro_number', '=', 'A2')
      .execute();
    expect(await lastVisits(shop.orgId, customer.id, vehicle.id)).toEqual({
      customer: '2025-03-10',
      vehicle: '2025-05-20',
    });
    const o = await db
      .selectFrom('customers')
      .select('last_visit_on')
      .where('id', '=', other.id)
      .executeTakeFirstOrThrow();
    expect(o.last_visit_on).toBe('2025-05-20');

    // Deleting invoices: back to the remaining one, then to none.
    await db.deleteFrom('repair_orders').where('ro_number', '=', 'A2').execute();
    expect(await lastVisits(shop.orgId, customer.id, vehicle.id)).toEqual({
      customer: '2025-03-10',
      vehicle: '2025-03-10',
    });
    await db.deleteFrom('repair_orders').where('org_id', '=', shop.orgId).execute();
    expect(await lastVisits(shop.orgId, customer.id, vehicle.id)).toEqual({ customer: null, vehicle: null });
  });

  it('does not touch updated_at or rows whose last visit is unchanged', async () => {
    const db = database.db;
    const shop = await makeShop(db);
    const customer = await makeCustomer(db, shop, { updated_at: new Date('2020-01-01T00:00:00Z') });
    await db
      .insertInto('repair_orders')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        ro_number: 'B1',
        customer_id: customer.id,
        opened_on: '2025-01-02',
        closed_on: '2025-01-02',
      })
      .execute();
    const row = await db
      .selectFrom('customers')
      .select(['last_visit_on', 'updated_at'])
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(row.last_visit_on).toBe('2025-01-02');
    expect(row.updated_at.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });
});
