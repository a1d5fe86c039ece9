// The maintenance chain: prediction in SQL agrees with the pure one (and the grid), E01 before
// the due date, E02 when no visit followed, P00 when no visit nor booking followed E02, E07
// after staff re-contacted the customer. Schedules: the most specific wins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { backendName, createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../test/helpers/factories.ts';
import {
  allRulesOff,
  makeAppointment,
  makeRepairOrder,
  makeStaff,
  outbox,
  runShopDays,
  setRule,
} from '../../../test/helpers/engine.ts';
import { refreshMaintenance } from './refresh.ts';
import { getMaintenanceGrid } from './grid.ts';
import { addDays } from '../../domain/time/dates.ts';
import { previewSendQueue } from '../preview.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

async function vm(orgId: number, vehicleId: number) {
  return t.db
    .selectFrom('vehicle_maintenance')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('vehicle_id', '=', vehicleId)
    .executeTakeFirstOrThrow();
}

describe('prediction in SQL', () => {
  it('agrees with the pure prediction (grid) for km, miles and hours, with and without history', async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop);
    const cases = [
      await makeVehicle(t.db, shop, c.id, { usage_unit: 'km', delivery_date: '2025-06-30' }),
      await makeVehicle(t.db, shop, c.id, { usage_unit: 'mi' }),
      await makeVehicle(t.db, shop, c.id, { usage_unit: 'h', captured_on: '2025-03-01' }),
      await makeVehicle(t.db, shop, c.id, { usage_unit: 'km' }),
    ];
    await makeRepairOrder(t.db, shop, {
      customerId: c.id,
      vehicleId: cases[1]!.id,
      closedOn: '2025-10-01',
      odometer: 30_000,
      isMaintenance: true,
      lines: ['Oil and filter change'],
    });
    await makeRepairOrder(t.db, shop, {
      customerId: c.id,
      vehicleId: cases[1]!.id,
      closedOn: '2026-01-15',
      odometer: 33_100,
    });
    await t.db
      .insertInto('odometer_readings')
      .values({
        org_id: shop.orgId,
        vehicle_id: cases[2]!.id,
        read_on: '2025-09-01',
        value: 400,
        source: 'staff',
      })
      .execute();
    await makeRepairOrder(t.db, shop, {
      customerId: c.id,
      vehicleId: cases[3]!.id,
      closedOn: '2025-12-01',
      odometer: 12_000,
      isMaintenance: true,
    });
    await makeRepairOrder(t.db, shop, {
      customerId: c.id,
      vehicleId: cases[3]!.id,
      closedOn: '2026-02-01',
      odometer: 15_000,
      isMaintenance: true,
      lines: ['Tire rotation'],
    });
    expect(await refreshMaintenance(t.db)).toBeGreaterThanOrEqual(4);
    for (const v of cases) {
      const grid = (await getMaintenanceGrid(t.db, shop.orgId, v.id, '2026-05-10'))!;
      const row = await vm(shop.orgId, v.id);
      expect(row.next_due_on).toBe(grid.nextDueOn);
      const byCode = new Map(grid.items.map((i) => [i.code, i]));
      for (const item of row.items) {
        expect([item.code, item.due_on, item.due_odometer]).toEqual([
          item.code,
          byCode.get(item.code)!.nextDueOn,
          byCode.get(item.code)!.nextDueOdometer,
        ]);
      }
    }
    const g = (await getMaintenanceGrid(t.db, shop.orgId, cases[3]!.id, '2026-05-10'))!;
    expect(g.items.find((i) => i.code === 'ROTATE')).toMatchObject({
      lastDoneOn: '2026-02-01',
      lastDoneOdometer: 15_000,
    });
    expect(g.items.find((i) => i.code === 'OIL')).toMatchObject({ lastDoneOn: '2025-12-01' });
    expect(await getMaintenanceGrid(t.db, shop.orgId + 999, cases[0]!.id, '2026-05-10')).toBeNull();
  });

  it('a make/model schedule wins over the default, and editing it recomputes', async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop);
    const v = await makeVehicle(t.db, shop, c.id, {
      make: 'Tesla',
      model: 'Model 3',
      delivery_date: '2026-01-01',
    });
    const s = await t.db
      .insertInto('maintenance_schedules')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        make: 'tesla',
        model: 'model 3',
        name: 'EV',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('maintenance_schedule_items')
      .values({
        org_id: shop.orgId,
        schedule_id: s.id,
        code: 'CABIN',
        description: JSON.stringify({ en: 'Cabin filter', fr: 'Filtre', es: 'Filtro' }),
        every_km: null,
        every_hours: null,
        every_months: 24,
      })
      .execute();
    await refreshMaintenance(t.db);
    expect((await vm(shop.orgId, v.id)).next_due_on).toBe('2028-01-01');
    await t.db
      .updateTable('maintenance_schedule_items')
      .set({ every_months: 12 })
      .where('org_id', '=', shop.orgId)
      .where('schedule_id', '=', s.id)
      .execute();
    await refreshMaintenance(t.db);
    expect((await vm(shop.orgId, v.id)).next_due_on).toBe('2027-01-01');
    expect((await getMaintenanceGrid(t.db, shop.orgId, v.id, '2026-05-10'))!.scheduleName).toBe('EV');
  });
});

describe('schedule edits recompute the predictions', () => {
  async function evShop() {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop);
    const model3 = await makeVehicle(t.db, shop, c.id, {
      make: 'Tesla',
      model: 'Model 3',
      delivery_date: '2026-01-01',
    });
    const modelY = await makeVehicle(t.db, shop, c.id, {
      make: 'Tesla',
      model: 'Model Y',
      delivery_date: '2026-01-01',
    });
    const s = await t.db
      .insertInto('maintenance_schedules')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        make: 'Tesla',
        model: 'Model 3',
        name: 'EV',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('maintenance_schedule_items')
      .values({
        org_id: shop.orgId,
        schedule_id: s.id,
        code: 'CABIN',
        description: JSON.stringify({ en: 'Cabin filter', fr: 'Filtre', es: 'Filtro' }),
        every_km: null,
        every_hours: null,
        every_months: 24,
      })
      .execute();
    await refreshMaintenance(t.db);
    return { shop, model3, modelY, scheduleId: s.id };
  }
  const dirty = async (orgId: number) =>
    (
      await t.db
        .selectFrom('maintenance_dirty')
        .select('vehicle_id')
        .where('org_id', '=', orgId)
        .orderBy('vehicle_id')
        .execute()
    ).map((r) => r.vehicle_id);
  /** The stored prediction agrees with the grid (the schedule that applies now). */
  async function expectAsGrid(orgId: number, vehicleId: number, scheduleName: string) {
    const grid = (await getMaintenanceGrid(t.db, orgId, vehicleId, '2026-05-10'))!;
    expect(grid.scheduleName).toBe(scheduleName);
    expect((await vm(orgId, vehicleId)).next_due_on).toBe(grid.nextDueOn);
  }

  it('deleting a schedule (its items go by cascade) marks its vehicles and they fall back to the default', async () => {
    const { shop, model3, modelY, scheduleId } = await evShop();
    expect((await vm(shop.orgId, model3.id)).next_due_on).toBe('2028-01-01');
    await t.db
      .deleteFrom('maintenance_schedules')
      .where('org_id', '=', shop.orgId)
      .where('id', '=', scheduleId)
      .execute();
    expect(await dirty(shop.orgId)).toEqual([model3.id, modelY.id].sort((a, b) => a - b));
    await refreshMaintenance(t.db);
    expect((await vm(shop.orgId, model3.id)).next_due_on).not.toBe('2028-01-01');
    await expectAsGrid(shop.orgId, model3.id, 'Default maintenance schedule');
  });

  it('retargeting a schedule to another model recomputes both models; a rename recomputes nothing', async () => {
    const { shop, model3, modelY, scheduleId } = await evShop();
    await t.db
      .updateTable('maintenance_schedules')
      .set({ name: 'Electric' })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', scheduleId)
      .execute();
    expect(await dirty(shop.orgId)).toEqual([]);
    await t.db
      .updateTable('maintenance_schedules')
      .set({ model: 'Model Y' })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', scheduleId)
      .execute();
    expect(await dirty(shop.orgId)).toEqual([model3.id, modelY.id].sort((a, b) => a - b));
    await refreshMaintenance(t.db);
    expect((await vm(shop.orgId, modelY.id)).next_due_on).toBe('2028-01-01');
    await expectAsGrid(shop.orgId, modelY.id, 'Electric');
    await expectAsGrid(shop.orgId, model3.id, 'Default maintenance schedule');
    // Retargeted to the whole make: both Teslas take it.
    await t.db
      .updateTable('maintenance_schedules')
      .set({ model: null })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', scheduleId)
      .execute();
    await refreshMaintenance(t.db);
    for (const v of [model3, modelY]) expect((await vm(shop.orgId, v.id)).next_due_on).toBe('2028-01-01');
  });
});

describe('the daily run recomputes only its own locations', () => {
  it('run --location and preview leave the dirty vehicles of other tenants alone', async () => {
    const a = await makeShop(t.db);
    const b = await makeShop(t.db);
    const va = await makeVehicle(t.db, a, (await makeCustomer(t.db, a)).id, { delivery_date: '2026-01-01' });
    const vb = await makeVehicle(t.db, b, (await makeCustomer(t.db, b)).id, { delivery_date: '2026-01-01' });
    const isDirty = async (shop: { orgId: number }, id: number) =>
      (await t.db
        .selectFrom('maintenance_dirty')
        .select('vehicle_id')
        .where('org_id', '=', shop.orgId)
        .where('vehicle_id', '=', id)
        .executeTakeFirst()) !== undefined;
    const predicted = async (shop: { orgId: number }, id: number) =>
      (await t.db
        .selectFrom('vehicle_maintenance')
        .select('vehicle_id')
        .where('org_id', '=', shop.orgId)
        .where('vehicle_id', '=', id)
        .executeTakeFirst()) !== undefined;
    await runShopDays(t.db, a, ['2026-05-10']);
    expect([await isDirty(a, va.id), await predicted(a, va.id)]).toEqual([false, true]);
    expect([await isDirty(b, vb.id), await predicted(b, vb.id)]).toEqual([true, false]);
    await t.db.insertInto('maintenance_dirty').values({ org_id: a.orgId, vehicle_id: va.id }).execute();
    if (backendName === 'postgres') {
      // Another transaction holds B's dirty row (B's own run, say): A's preview must not wait for it.
      await t.db.transaction().execute(async (trx) => {
        await sql`SELECT 1 FROM maintenance_dirty WHERE org_id = ${b.orgId} AND vehicle_id = ${vb.id} FOR UPDATE`.execute(
          trx,
        );
        const preview = previewSendQueue(t.db, a.orgId, a.locationId, '2026-05-11', 2);
        const late = new Promise((resolve) => setTimeout(resolve, 10_000, 'blocked'));
        expect(await Promise.race([preview.then(() => 'done'), late])).toBe('done');
      });
    } else {
      await previewSendQueue(t.db, a.orgId, a.locationId, '2026-05-11', 2);
    }
    expect(await isDirty(b, vb.id)).toBe(true);
    expect(await isDirty(a, va.id)).toBe(true); // the preview kept nothing
  });
});

describe('vehicles loaded with triggers off (demo generator)', () => {
  it("are predicted on their location's first run", async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop);
    const v = await t.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      return makeVehicle(trx, shop, c.id, { delivery_date: '2026-01-01' });
    });
    await refreshMaintenance(t.db);
    expect(
      await t.db.selectFrom('vehicle_maintenance').selectAll().where('org_id', '=', shop.orgId).execute(),
    ).toHaveLength(0);
    await runShopDays(t.db, shop, ['2026-05-10']);
    expect((await vm(shop.orgId, v.id)).next_due_on).not.toBeNull();
  });
});

describe('E01 → E02 → P00 → E07', () => {
  it('runs the recall chain at its day settings, and stops for a customer who came back', async () => {
    const shop = await makeShop(t.db);
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'E01', { email: 14 });
    await setRule(t.db, shop, 'E02', { email: 14 });
    await setRule(t.db, shop, 'P00', { email: 14 });
    await setRule(t.db, shop, 'E07', { email: 1 });
    const agent = await makeStaff(t.db, shop, 'crm_agent');
    await t.db
      .insertInto('promotions')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        name: 'Spring 10%',
        coupon_code: 'SPRING10',
        description: JSON.stringify({ en: '10% off' }),
      })
      .execute();
    const lost = await makeCustomer(t.db, shop);
    const back = await makeCustomer(t.db, shop);
    // Time-only schedule to make the due date obvious: delivered 2025-06-01 + 12 months.
    const s = await t.db
      .insertInto('maintenance_schedules')
      .values({ org_id: shop.orgId, location_id: shop.locationId, make: 'Acme', model: null, name: 'Acme' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('maintenance_schedule_items')
      .values({
        org_id: shop.orgId,
        schedule_id: s.id,
        code: 'SERVICE',
        description: JSON.stringify({ en: 'Yearly service', fr: 'Entretien annuel', es: 'Servicio anual' }),
        every_km: null,
        every_hours: null,
        every_months: 12,
      })
      .execute();
    const v1 = await makeVehicle(t.db, shop, lost.id, { make: 'Acme', delivery_date: '2025-06-01' });
    await makeVehicle(t.db, shop, back.id, { make: 'Acme', delivery_date: '2025-06-01' });
    const due = '2026-06-01';
    const e01Day = addDays(due, -14);
    await runShopDays(t.db, shop, [addDays(e01Day, -1), e01Day, addDays(e01Day, 1)]);
    const e01 = await outbox(t.db, shop, 'E01');
    expect(e01.map((m) => m.due_on)).toEqual([e01Day, e01Day]);
    expect(e01[0]!.payload).toMatchObject({
      maintenance: { due_on: due, items: [{ code: 'SERVICE', description: { en: 'Yearly service' } }] },
    });
    // Delivery sent them.
    await t.db
      .updateTable('messages')
      .set({ status: 'sent' })
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'E01')
      .execute();
    // One customer comes back before E02.
    await t.db
      .updateTable('customers')
      .set({ last_visit_on: addDays(e01Day, 3) })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', back.id)
      .execute();
    const e02Day = addDays(e01Day, 14);
    await runShopDays(t.db, shop, [addDays(e02Day, -1), e02Day, addDays(e02Day, 1)]);
    const e02 = await outbox(t.db, shop, 'E02');
    expect(e02.map((m) => [m.customer_id, m.due_on])).toEqual([[lost.id, e02Day]]);
    expect(e02[0]!.payload).toMatchObject({ vehicles: [{ id: v1.id }], maintenance: { due_on: due } });
    await t.db
      .updateTable('messages')
      .set({ status: 'sent' })
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'E02')
      .execute();
    const p00Day = addDays(e02Day, 14);
    await runShopDays(t.db, shop, [addDays(p00Day, -1), p00Day, addDays(p00Day, 1)]);
    const p00 = await outbox(t.db, shop, 'P00');
    expect(
      p00.map((m) => [m.customer_id, m.due_on, m.channel, m.recipient_type, m.recipient_user_id]),
    ).toEqual([[lost.id, p00Day, 'task', 'staff', agent.id]]);
    expect(p00[0]!.payload).toMatchObject({ assigned_role: 'crm_agent' });
    // The CRM agent calls and re-establishes contact: E07 the next day with the promotion.
    await t.db
      .insertInto('staff_tasks')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        kind: 'P00',
        message_id: p00[0]!.id,
        customer_id: lost.id,
        assigned_role: 'crm_agent',
        status: 'done',
        outcome: 'recontacted',
        due_on: p00Day,
        completed_at: new Date(`${p00Day}T18:00:00Z`),
      })
      .execute();
    await runShopDays(t.db, shop, [p00Day, addDays(p00Day, 1), addDays(p00Day, 2)]);
    const e07 = await outbox(t.db, shop, 'E07');
    expect(e07.map((m) => [m.customer_id, m.due_on])).toEqual([[lost.id, addDays(p00Day, 1)]]);
    expect(e07[0]!.payload).toMatchObject({ promotion: { name: 'Spring 10%', coupon_code: 'SPRING10' } });
  });

  it('no P00 when the customer booked after E02', async () => {
    const shop = await makeShop(t.db);
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'P00', { email: 14 });
    const c = await makeCustomer(t.db, shop);
    await t.db
      .insertInto('messages')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        kind: 'E02',
        channel: 'email',
        customer_id: c.id,
        due_on: '2026-05-01',
        dedupe_key: `c${c.id}/-/E02/2026-05-01`,
        status: 'sent',
        payload: '{}',
      })
      .execute();
    await makeAppointment(t.db, shop, { customerId: c.id, startsAt: '2026-05-20T14:00:00Z' });
    await runShopDays(t.db, shop, ['2026-05-15']);
    expect(await outbox(t.db, shop, 'P00')).toHaveLength(0);
  });
});
