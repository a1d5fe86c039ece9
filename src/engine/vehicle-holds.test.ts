// A message about one vehicle is held, with the reason, when that vehicle has been sold or
// scrapped: every such kind, decided by the run (or at confirmation for E05), and again at send
// time. E02 repeats E01's vehicles and leaves out those gone since.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import {
  allRulesOff,
  makeAppointment,
  makeRepairOrder,
  outbox,
  runShopDays,
  setRule,
} from '../../test/helpers/engine.ts';
import { addDays } from '../domain/time/dates.ts';
import { enqueueAppointmentConfirmation } from './events/appointment-confirmed.ts';
import { checkMessageStillValid } from './still-valid.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const D = '2026-05-10';
type Shop = Awaited<ReturnType<typeof makeShop>>;

/** For each kind: switch it on and make one message about vehicle `vehicleId` fall due on D. */
const FIXTURES: Record<
  string,
  { days: number; make(shop: Shop, customerId: number, vehicleId: number): Promise<void> }
> = {
  // Three days ahead, so E04 (48 hours) decides this appointment on another day.
  REMINDER_1: {
    days: 3,
    make: async (shop, c, v) =>
      void (await makeAppointment(t.db, shop, {
        customerId: c,
        vehicleId: v,
        startsAt: `${addDays(D, 3)}T14:00:00Z`,
      })),
  },
  NO_SHOW: {
    days: 1,
    make: async (shop, c, v) =>
      void (await makeAppointment(t.db, shop, {
        customerId: c,
        vehicleId: v,
        startsAt: `${addDays(D, -1)}T14:00:00Z`,
        status: 'no_show' as never,
      })),
  },
  THANK_YOU: {
    days: 1,
    make: async (shop, c, v) =>
      void (await makeRepairOrder(t.db, shop, { customerId: c, vehicleId: v, closedOn: addDays(D, -1) })),
  },
  DEFERRED: {
    days: 14,
    make: async (shop, c, v) =>
      void (await makeRepairOrder(t.db, shop, {
        customerId: c,
        vehicleId: v,
        closedOn: addDays(D, -14),
        declined: ['Brake pads'],
      })),
  },
  E03: {
    days: 2,
    make: async (shop, c, v) =>
      void (await makeRepairOrder(t.db, shop, {
        customerId: c,
        vehicleId: v,
        closedOn: addDays(D, -2),
        isMaintenance: true,
      })),
  },
  E04: {
    days: 2,
    make: async (shop, c, v) =>
      void (await makeAppointment(t.db, shop, {
        customerId: c,
        vehicleId: v,
        startsAt: `${addDays(D, 2)}T15:00:00Z`,
      })),
  },
  E02: {
    days: 14,
    make: async (shop, c, v) => {
      const e1 = addDays(D, -14);
      await t.db
        .insertInto('messages')
        .values({
          org_id: shop.orgId,
          location_id: shop.locationId,
          kind: 'E01',
          channel: 'email',
          customer_id: c,
          vehicle_id: v,
          due_on: e1,
          dedupe_key: `c${c}/-/E01/${e1}`,
          status: 'sent',
          payload: JSON.stringify({
            vehicles: [{ id: v, year: 2020, make: 'Toyota', model: 'Corolla', plate: null }],
          }),
        })
        .execute();
    },
  },
  V01: {
    days: 1,
    make: async (shop, _c, v) =>
      void (await t.db
        .updateTable('vehicles')
        .set({ captured_on: D })
        .where('org_id', '=', shop.orgId)
        .where('id', '=', v)
        .execute()),
  },
};

async function decide(status: 'active' | 'sold' | 'scrapped') {
  const shop = await makeShop(t.db);
  await allRulesOff(t.db, shop);
  const byKind = new Map<string, number>();
  for (const [kind, f] of Object.entries(FIXTURES)) {
    await setRule(t.db, shop, kind, { email: f.days });
    const c = await makeCustomer(t.db, shop);
    const v = await makeVehicle(t.db, shop, c.id, { status });
    await f.make(shop, c.id, v.id);
    byKind.set(kind, v.id);
  }
  await runShopDays(t.db, shop, [D]);
  // E05: staff confirm an appointment for the vehicle.
  await setRule(t.db, shop, 'E05', { email: 1 });
  const c = await makeCustomer(t.db, shop);
  const v = await makeVehicle(t.db, shop, c.id, { status });
  const a = await makeAppointment(t.db, shop, {
    customerId: c.id,
    vehicleId: v.id,
    startsAt: `${addDays(D, 5)}T14:00:00Z`,
  });
  await enqueueAppointmentConfirmation(t.db, shop.orgId, a.id, new Date(`${D}T15:00:00Z`));
  byKind.set('E05', v.id);
  const rows = (await outbox(t.db, shop)).filter((m) => m.kind !== 'E01');
  return { rows, byKind };
}

describe('sold or scrapped vehicle', () => {
  for (const status of ['sold', 'scrapped'] as const) {
    it(`holds every message about a ${status} vehicle, with the reason, and names the vehicle`, async () => {
      const { rows, byKind } = await decide(status);
      expect(rows.map((m) => m.kind).sort()).toEqual([...byKind.keys()].sort());
      for (const m of rows) {
        expect([m.kind, m.channel, m.status, m.reason, m.vehicle_id]).toEqual([
          m.kind,
          'none',
          'held',
          `vehicle_${status}`,
          byKind.get(m.kind),
        ]);
      }
    });
  }

  it('the same messages go out for a vehicle still on the road', async () => {
    const { rows, byKind } = await decide('active');
    expect(rows.map((m) => m.kind).sort()).toEqual([...byKind.keys()].sort());
    for (const m of rows)
      expect([m.kind, m.channel, m.status, m.reason, m.vehicle_id]).toEqual([
        m.kind,
        'email',
        'pending',
        null,
        byKind.get(m.kind),
      ]);
  });

  it('E02 repeats only the vehicles still on the road; held only when none is left', async () => {
    const shop = await makeShop(t.db);
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'E02', { email: 14 });
    const c = await makeCustomer(t.db, shop);
    const sold = await makeVehicle(t.db, shop, c.id, { status: 'sold', make: 'Ford', model: 'F-150' });
    const kept = await makeVehicle(t.db, shop, c.id, { make: 'Honda', model: 'Civic' });
    const ref = (v: typeof sold) => ({
      id: v.id,
      year: v.year,
      make: v.make,
      model: v.model,
      plate: v.plate,
    });
    const e1 = addDays(D, -14);
    await t.db
      .insertInto('messages')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        kind: 'E01',
        channel: 'email',
        customer_id: c.id,
        vehicle_id: sold.id,
        due_on: e1,
        dedupe_key: `c${c.id}/-/E01/${e1}`,
        status: 'sent',
        payload: JSON.stringify({ vehicles: [ref(sold), ref(kept)], maintenance: { due_on: D, items: [] } }),
      })
      .execute();
    await runShopDays(t.db, shop, [D]);
    const [e2] = await outbox(t.db, shop, 'E02');
    expect(e2).toMatchObject({ status: 'pending', channel: 'email', vehicle_id: kept.id });
    expect(e2!.payload).toEqual({ vehicles: [ref(kept)], maintenance: { due_on: D, items: [] } });
  });

  it('a vehicle sold after the decision: delivery does not send THANK_YOU or E03 about it', async () => {
    const shop = await makeShop(t.db);
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'THANK_YOU', { email: 1 });
    await setRule(t.db, shop, 'E03', { email: 1 });
    const c = await makeCustomer(t.db, shop);
    const v = await makeVehicle(t.db, shop, c.id);
    await makeRepairOrder(t.db, shop, {
      customerId: c.id,
      vehicleId: v.id,
      closedOn: addDays(D, -1),
      isMaintenance: true,
    });
    await runShopDays(t.db, shop, [D]);
    const rows = await outbox(t.db, shop);
    expect(rows.map((m) => [m.kind, m.status]).sort()).toEqual([
      ['E03', 'pending'],
      ['THANK_YOU', 'pending'],
    ]);
    await t.db
      .updateTable('vehicles')
      .set({ status: 'scrapped' })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', v.id)
      .execute();
    for (const m of rows)
      expect(await checkMessageStillValid(t.db, m)).toEqual({ valid: false, reason: 'vehicle_scrapped' });
  });
});
