// The reports on small data sets whose figures are worked out by hand in the comments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import { makeRepairOrder } from '../../test/helpers/engine.ts';
import { makeMessage } from '../../test/helpers/delivery.ts';
import { monthIndex, monthRange } from './months.ts';
import { retentionByMonth } from './retention.ts';
import { loyaltyByMonth } from './loyalty.ts';
import { cohortsByMonth } from './cohorts.ts';
import { attributionByMonth } from './attribution.ts';
import { liftByMonth } from './lift.ts';

let t: TestDatabase;
type Shop = Awaited<ReturnType<typeof makeShop>>;
let shop: Shop;
let other: Shop;

/** A customer with closed visits on these days (and, with `open`, an open and a void order). */
async function customerWith(s: Shop, days: string[], extra: { open?: string } = {}) {
  const c = await makeCustomer(t.db, s);
  for (const d of days) await makeRepairOrder(t.db, s, { customerId: c.id, vehicleId: null, closedOn: d });
  if (extra.open) {
    await makeRepairOrder(t.db, s, { customerId: c.id, vehicleId: null, closedOn: null });
    await makeRepairOrder(t.db, s, {
      customerId: c.id,
      vehicleId: null,
      closedOn: extra.open,
      status: 'void',
    });
  }
  return c;
}

beforeAll(async () => {
  t = await createTestDatabase();
  shop = await makeShop(t.db);
  other = await makeShop(t.db);
  await customerWith(shop, ['2025-03-14', '2026-02-02']); // A
  await customerWith(shop, ['2025-01-20'], { open: '2025-12-01' }); // B (the void order does not count)
  await customerWith(shop, ['2026-05-05']); // C
  await customerWith(shop, ['2024-06-28', '2026-01-10']); // D
  await customerWith(shop, ['2025-06-30', '2025-07-01']); // E
  await customerWith(shop, ['2026-03-10', '2026-03-10']); // G: two orders on one day
  await customerWith(shop, ['2025-09-01', '2025-09-20']); // H: two days in one month
  await customerWith(shop, ['2025-08-08', '2026-04-04']); // I
  await customerWith(shop, ['2025-09-15', '2025-11-02']); // J
  await customerWith(shop, ['2024-01-05', '2025-09-03']); // K
  // Another organization's visits on the same days change nothing.
  await customerWith(other, ['2025-03-14', '2026-02-02', '2025-09-15']);
});
afterAll(() => t.close());

describe('retention', () => {
  it('is the share of the customers of the 12 months before the period who visited in it', async () => {
    const rows = await retentionByMonth(
      t.db,
      shop.orgId,
      [shop.locationId],
      monthRange('2026-06', '2026-07', '2026-12-03'),
    );
    // June 2026: period 2025-07..2026-06, base 2024-07..2025-06.
    //   base: A (2025-03), B (2025-01), E (2025-06-30); retained: A (2026-02), E (2025-07-01) → 2/3.
    //   D's 2024-06 visit is before the base; C, G, H, I, J are not in it; K's 2024-01 neither.
    // July 2026: period 2025-08..2026-07, base 2024-08..2025-07: A, B, E; retained A only → 1/3.
    expect(rows).toEqual([
      {
        location_id: shop.locationId,
        month: '2026-06',
        customers_before: 3,
        retained: 2,
        retention_rate: 0.6667,
      },
      {
        location_id: shop.locationId,
        month: '2026-07',
        customers_before: 3,
        retained: 1,
        retention_rate: 0.3333,
      },
    ]);
  });

  it('follows the visits as they change: voided, moved to another customer, deleted', async () => {
    const june = async () =>
      (
        await retentionByMonth(t.db, shop.orgId, [shop.locationId], monthRange('2026-06', '2026-06', 'x'))
      )[0]!;
    const a = await t.db
      .selectFrom('repair_orders')
      .select(['id', 'customer_id'])
      .where('org_id', '=', shop.orgId)
      .where('closed_on', '=', '2026-02-02')
      .executeTakeFirstOrThrow();
    // A's visit of the period voided: only E retained → 1/3.
    await t.db.updateTable('repair_orders').set({ status: 'void' }).where('id', '=', a.id).execute();
    expect(await june()).toMatchObject({ customers_before: 3, retained: 1 });
    // Back to closed but moved to a new customer: still 1/3 (the new customer was not in the base).
    const newcomer = await makeCustomer(t.db, shop);
    await t.db
      .updateTable('repair_orders')
      .set({ status: 'closed', customer_id: newcomer.id })
      .where('id', '=', a.id)
      .execute();
    expect(await june()).toMatchObject({ customers_before: 3, retained: 1 });
    // Moved back to A: 2/3 again; the newcomer's row is gone.
    await t.db
      .updateTable('repair_orders')
      .set({ customer_id: a.customer_id })
      .where('id', '=', a.id)
      .execute();
    expect(await june()).toMatchObject({ customers_before: 3, retained: 2 });
    expect(
      await t.db
        .selectFrom('customer_visits')
        .select('customer_id')
        .where('customer_id', '=', newcomer.id)
        .execute(),
    ).toEqual([]);
    // A customer's only visit, then deleted: in the base, then out of it again.
    const b = await customerWith(shop, ['2025-02-02']);
    expect(await june()).toMatchObject({ customers_before: 4, retained: 2 });
    await t.db.deleteFrom('repair_orders').where('customer_id', '=', b.id).execute();
    expect(await june()).toMatchObject({ customers_before: 3, retained: 2 });
  });

  it('gives every month a row, and a null rate with nobody before', async () => {
    const rows = await retentionByMonth(
      t.db,
      shop.orgId,
      [shop.locationId],
      monthRange('2023-01', '2023-02', 'x'),
    );
    expect(rows.map((r) => [r.month, r.customers_before, r.retention_rate])).toEqual([
      ['2023-01', 0, null],
      ['2023-02', 0, null],
    ]);
  });
});

describe('loyalty', () => {
  it('is the share of the active customers with visits on two days or more in 12 months', async () => {
    const rows = await loyaltyByMonth(
      t.db,
      shop.orgId,
      [shop.locationId],
      monthRange('2026-06', '2026-06', 'x'),
    );
    // 12 months 2025-07..2026-06. Active: A, C, D, E, G, H, I, J, K = 9.
    // Loyal: H (two days in September), I (Aug + Apr), J (Sep + Nov) = 3; G's two orders were on one
    // day, E's second day (2025-06-30) is outside the 12 months → 3/9.
    expect(rows).toEqual([
      {
        location_id: shop.locationId,
        month: '2026-06',
        active_customers: 9,
        loyal_customers: 3,
        loyalty_rate: 0.3333,
      },
    ]);
  });
});

describe('cohorts', () => {
  it('follows the customers of a first-visit month for the months after it', async () => {
    const rows = await cohortsByMonth(
      t.db,
      shop.orgId,
      [shop.locationId],
      monthRange('2025-09', '2025-09', 'x'),
      monthIndex('2026-01'),
    );
    // First visit in 2025-09: H (09-01) and J (09-15); K had visited in 2024. J came back in
    // November (2 months after); H's second visit was in September itself. Up to 2026-01 (4 months).
    expect(
      rows.map((r) => [r.cohort, r.months_since, r.customers, r.visited, r.returned, r.return_rate]),
    ).toEqual([
      ['2025-09', 0, 2, 2, 0, 0],
      ['2025-09', 1, 2, 0, 0, 0],
      ['2025-09', 2, 2, 1, 1, 0.5],
      ['2025-09', 3, 2, 0, 1, 0.5],
      ['2025-09', 4, 2, 0, 1, 0.5],
    ]);
  });
});

describe('attribution and lift', () => {
  let s: Shop;
  beforeAll(async () => {
    s = await makeShop(t.db, { attribution_days: 30 });
    const x = await makeCustomer(t.db, s);
    const y = await makeCustomer(t.db, s);
    const z = await makeCustomer(t.db, s, { language: 'fr' });
    const w = await makeCustomer(t.db, s, { language: 'fr' });
    const v = await makeCustomer(t.db, s);
    const u = await makeCustomer(t.db, s);
    const zCar = await makeVehicle(t.db, s, z.id);
    const wCar = await makeVehicle(t.db, s, w.id);
    const ro = (
      customerId: number,
      closedOn: string,
      total: number,
      vehicleId: number | null = null,
      lines?: string[],
    ) =>
      makeRepairOrder(t.db, s, { customerId, vehicleId, closedOn, lines }).then((r) =>
        t.db.updateTable('repair_orders').set({ total_amount: total }).where('id', '=', r.id).execute(),
      );
    // X: thanked 03-01, back 03-20 (100.00) inside 30 days and 04-15 (40.00) after them.
    await makeMessage(t.db, s, {
      customer_id: x.id,
      kind: 'THANK_YOU',
      due_on: '2026-03-01',
      status: 'sent',
    });
    await ro(x.id, '2026-03-20', 100);
    await ro(x.id, '2026-04-15', 40);
    // Y: thanked 03-05, never back.
    await makeMessage(t.db, s, {
      customer_id: y.id,
      kind: 'THANK_YOU',
      due_on: '2026-03-05',
      status: 'sent',
    });
    // Z: reminded 03-10 of brake pads and wiper blades declined on 02-24; back 03-25 for brake pads.
    const zVisit = await makeRepairOrder(t.db, s, {
      customerId: z.id,
      vehicleId: zCar.id,
      closedOn: '2026-02-24',
      declined: ['Brake pads', 'Wiper blades'],
    });
    await makeMessage(t.db, s, {
      customer_id: z.id,
      vehicle_id: zCar.id,
      repair_order_id: zVisit.id,
      kind: 'DEFERRED',
      language: 'fr',
      due_on: '2026-03-10',
      status: 'sent',
    });
    await ro(z.id, '2026-03-25', 250, zCar.id, ['  brake PADS ']);
    // W: reminded of tires, marked done by the shop system, but W never came back in the window.
    const wVisit = await makeRepairOrder(t.db, s, {
      customerId: w.id,
      vehicleId: wCar.id,
      closedOn: '2026-02-26',
      declined: ['Tires'],
    });
    await t.db
      .updateTable('recommendations')
      .set({ status: 'done' })
      .where('repair_order_id', '=', wVisit.id)
      .execute();
    await makeMessage(t.db, s, {
      customer_id: w.id,
      vehicle_id: wCar.id,
      repair_order_id: wVisit.id,
      kind: 'DEFERRED',
      language: 'fr',
      due_on: '2026-03-12',
      status: 'sent',
    });
    // V: held back in the THANK_YOU control group, came back anyway (03-11).
    await makeMessage(t.db, s, {
      customer_id: v.id,
      kind: 'THANK_YOU',
      due_on: '2026-03-02',
      status: 'held',
      reason: 'control_group',
    });
    await ro(v.id, '2026-03-11', 60);
    // U: held by the frequency cap: in neither group.
    await makeMessage(t.db, s, {
      customer_id: u.id,
      kind: 'THANK_YOU',
      due_on: '2026-03-02',
      status: 'held',
      reason: 'frequency_cap',
    });
    await ro(u.id, '2026-03-03', 10);
  });

  it('counts the visits and invoice totals within the window, and the DEFERRED items done', async () => {
    const rows = await attributionByMonth(t.db, s.orgId, [s.locationId], {
      range: monthRange('2026-03', '2026-03', 'x'),
    });
    expect(rows).toEqual([
      {
        location_id: s.locationId,
        month: '2026-03',
        kind: 'DEFERRED',
        channel: 'email',
        language: 'fr',
        messages: 2,
        returned: 1, // Z
        return_rate: 0.5,
        visits: 1,
        invoice_total: 250,
        deferred_items: 3, // brake pads, wiper blades, tires
        deferred_items_done: 1, // brake pads (tires marked done, but W did not come back)
      },
      {
        location_id: s.locationId,
        month: '2026-03',
        kind: 'THANK_YOU',
        channel: 'email',
        language: 'en',
        messages: 2,
        returned: 1, // X
        return_rate: 0.5,
        visits: 1,
        invoice_total: 100,
        deferred_items: 0,
        deferred_items_done: 0,
      },
    ]);
  });

  it('takes a longer window when asked: X’s second visit counts', async () => {
    const rows = await attributionByMonth(t.db, s.orgId, [s.locationId], {
      range: monthRange('2026-03', '2026-03', 'x'),
      windowDays: 60,
      kind: 'THANK_YOU',
    });
    expect(rows.map((r) => [r.kind, r.messages, r.returned, r.visits, r.invoice_total])).toEqual([
      ['THANK_YOU', 2, 1, 2, 140],
    ]);
  });

  it('compares the return rate of the sent messages with the control group’s', async () => {
    const rows = await liftByMonth(t.db, s.orgId, [s.locationId], {
      range: monthRange('2026-03', '2026-03', 'x'),
    });
    expect(rows.find((r) => r.kind === 'THANK_YOU')).toEqual({
      location_id: s.locationId,
      month: '2026-03',
      kind: 'THANK_YOU',
      sent: 2,
      sent_returned: 1,
      sent_return_rate: 0.5,
      control: 1,
      control_returned: 1,
      control_return_rate: 1,
      lift: -0.5,
    });
    expect(rows.find((r) => r.kind === 'DEFERRED')).toMatchObject({ sent: 2, control: 0, lift: null });
  });

  it('shows nothing of another organization', async () => {
    expect(
      await attributionByMonth(t.db, other.orgId, [s.locationId], {
        range: monthRange('2026-03', '2026-03', 'x'),
      }),
    ).toEqual([]);
  });
});

describe('month ranges', () => {
  it('defaults to the 12 months ending this month and names a bad bound', () => {
    expect(monthRange(undefined, undefined, '2026-12-03')).toMatchObject({
      from: '2026-01',
      to: '2026-12',
      count: 12,
    });
    expect(() => monthRange('2026-13', undefined, '2026-12-03')).toThrow(
      'from: "2026-13" is not a month (YYYY-MM)',
    );
    expect(() => monthRange('2026-05', '2026-04', 'x')).toThrow('from: 2026-05 is after to (2026-04)');
    expect(() => monthRange('2020-01', '2026-04', 'x')).toThrow('at most 36 months');
    expect(() => monthRange('2000-12', '2001-04', 'x')).toThrow('from: must be 2001-01 or later');
  });
});
