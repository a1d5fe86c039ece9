// V01_SALES, the sales side of V01: a staff task routed per locations.route_sales (the
// customer's sales rep, the sales manager or the CRM agent), switched on by its own day setting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../test/helpers/factories.ts';
import { allRulesOff, makeStaff, outbox, runShopDays, setRule } from '../../../test/helpers/engine.ts';
import { kindSpec } from '../../domain/messages/kinds.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const D = '2026-05-10';

async function salesShop(route: 'sales_rep' | 'sales_manager' | 'crm_agent') {
  const shop = await makeShop(t.db, { route_sales: route });
  await allRulesOff(t.db, shop);
  await setRule(t.db, shop, 'V01_SALES', { email: 1 });
  const staff = {
    owner: await makeStaff(t.db, shop, 'owner'),
    agent: await makeStaff(t.db, shop, 'crm_agent'),
    manager: await makeStaff(t.db, shop, 'sales_manager'),
    rep: await makeStaff(t.db, shop, 'sales_rep'),
    otherRep: await makeStaff(t.db, shop, 'sales_rep'),
  };
  return { shop, staff };
}

describe('V01_SALES', () => {
  it('is a staff kind, off by default: a new location gets no task when a vehicle is captured', async () => {
    expect(kindSpec('V01_SALES')).toMatchObject({ audience: 'staff', defaults: { email: 0, postcard: 0 } });
    const shop = await makeShop(t.db);
    await makeStaff(t.db, shop, 'sales_rep');
    const c = await makeCustomer(t.db, shop);
    await makeVehicle(t.db, shop, c.id, { captured_on: D });
    await runShopDays(t.db, shop, [D]);
    expect((await outbox(t.db, shop)).map((m) => m.kind)).toEqual(['V01']);
  });

  it("route_sales = sales_rep: a task for the customer's own sales rep, naming the vehicles captured that day, once", async () => {
    const { shop, staff } = await salesShop('sales_rep');
    const c = await makeCustomer(t.db, shop, { sales_rep_user_id: staff.otherRep.id });
    const v1 = await makeVehicle(t.db, shop, c.id, { captured_on: D, make: 'Honda', model: 'Civic' });
    const v2 = await makeVehicle(t.db, shop, c.id, { captured_on: D, make: 'Ford', model: 'F-150' });
    await makeVehicle(t.db, shop, c.id, { captured_on: '2026-05-09' });
    await runShopDays(t.db, shop, [D, D, '2026-05-11']);
    const rows = await outbox(t.db, shop);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: 'V01_SALES',
      recipient_type: 'staff',
      channel: 'task',
      status: 'pending',
      recipient_user_id: staff.otherRep.id,
      customer_id: c.id,
      due_on: D,
    });
    const p = rows[0]!.payload as { assigned_role: string; vehicles: Array<{ id: number }> };
    expect(p.assigned_role).toBe('sales_rep');
    expect(p.vehicles.map((v) => v.id).sort((a, b) => a - b)).toEqual([v1.id, v2.id].sort((a, b) => a - b));
  });

  it('a customer without a sales rep: the first sales rep of the location', async () => {
    const { shop, staff } = await salesShop('sales_rep');
    const c = await makeCustomer(t.db, shop);
    await makeVehicle(t.db, shop, c.id, { captured_on: D });
    await runShopDays(t.db, shop, [D]);
    expect((await outbox(t.db, shop)).map((m) => m.recipient_user_id)).toEqual([
      Math.min(staff.rep.id, staff.otherRep.id),
    ]);
  });

  it('route_sales = sales_manager or crm_agent: that role, whatever the customer’s rep', async () => {
    for (const [route, who] of [
      ['sales_manager', 'manager'],
      ['crm_agent', 'agent'],
    ] as const) {
      const { shop, staff } = await salesShop(route);
      const c = await makeCustomer(t.db, shop, { sales_rep_user_id: staff.rep.id });
      await makeVehicle(t.db, shop, c.id, { captured_on: D });
      await runShopDays(t.db, shop, [D]);
      const rows = await outbox(t.db, shop, 'V01_SALES');
      expect(
        rows.map((m) => [m.recipient_user_id, (m.payload as { assigned_role: string }).assigned_role]),
      ).toEqual([[staff[who].id, route]]);
    }
  });

  it('does not depend on V01 being on for the customer, nor on the customer’s mail preferences', async () => {
    const { shop, staff } = await salesShop('sales_rep');
    const c = await makeCustomer(t.db, shop, {
      sales_rep_user_id: staff.rep.id,
      do_not_mail: true,
      email: null,
    });
    await makeVehicle(t.db, shop, c.id, { captured_on: D });
    await runShopDays(t.db, shop, [D]);
    expect((await outbox(t.db, shop)).map((m) => [m.kind, m.status])).toEqual([['V01_SALES', 'pending']]);
  });

  it('held with the reason for a deceased customer or a vehicle already sold or scrapped', async () => {
    const { shop } = await salesShop('sales_rep');
    const dead = await makeCustomer(t.db, shop, { deceased: true });
    await makeVehicle(t.db, shop, dead.id, { captured_on: D });
    const c = await makeCustomer(t.db, shop);
    await makeVehicle(t.db, shop, c.id, { captured_on: D, status: 'sold' });
    await runShopDays(t.db, shop, [D]);
    const rows = (await outbox(t.db, shop)).sort((a, b) => a.customer_id! - b.customer_id!);
    expect(rows.map((m) => [m.customer_id, m.channel, m.status, m.reason])).toEqual([
      [dead.id, 'none', 'held', 'deceased'],
      [c.id, 'none', 'held', 'vehicle_sold'],
    ]);
  });
});
