// "0 disables": for every message kind, the same data makes the message with the kind's default
// day settings and makes nothing when its settings (email and postcard) are 0. One fixture per
// kind; a kind added without one fails the first test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
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
import { KINDS, kindSpec } from '../../domain/messages/kinds.ts';
import { addDays, addMonths } from '../../domain/time/dates.ts';
import { enqueueAppointmentRequested } from '../events/appointment-requested.ts';
import { enqueueAppointmentConfirmation } from '../events/appointment-confirmed.ts';
import { enqueueCustomerFileChanged } from '../events/customer-file-changed.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const D = '2026-05-10';
type Shop = Awaited<ReturnType<typeof makeShop>>;

/**
 * Each fixture creates, for a day setting of `n` days, what makes one message of its kind due
 * on D; run D then decides it. Event kinds (E05, P01) are enqueued by `event` instead.
 */
interface Fixture {
  make(shop: Shop, n: number): Promise<void>;
  event?: (shop: Shop) => Promise<void>;
}

const sentMessage = async (shop: Shop, kind: string, customerId: number, dueOn: string) =>
  t.db
    .insertInto('messages')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      kind,
      channel: 'email',
      customer_id: customerId,
      due_on: dueOn,
      dedupe_key: `c${customerId}/-/${kind}/${dueOn}`,
      status: 'sent',
      payload: '{}',
    })
    .execute();

const FIXTURES: Record<string, Fixture> = {
  REMINDER_1: {
    make: async (shop, n) =>
      void (await makeVehicle(t.db, shop, (await makeCustomer(t.db, shop)).id, {
        next_visit_on: addDays(D, n),
      })),
  },
  REMINDER_2: {
    make: async (shop, n) =>
      void (await makeVehicle(t.db, shop, (await makeCustomer(t.db, shop)).id, {
        next_visit_on: addDays(D, n),
      })),
  },
  NO_SHOW: {
    make: async (shop, n) =>
      void (await makeAppointment(t.db, shop, {
        customerId: (await makeCustomer(t.db, shop)).id,
        startsAt: `${addDays(D, -n)}T14:00:00Z`,
        status: 'no_show' as never,
      })),
  },
  THANK_YOU: {
    make: async (shop, n) =>
      void (await makeRepairOrder(t.db, shop, {
        customerId: (await makeCustomer(t.db, shop)).id,
        vehicleId: null,
        closedOn: addDays(D, -n),
      })),
  },
  DEFERRED: {
    make: async (shop, n) =>
      void (await makeRepairOrder(t.db, shop, {
        customerId: (await makeCustomer(t.db, shop)).id,
        vehicleId: null,
        closedOn: addDays(D, -n),
        declined: ['Tires'],
      })),
  },
  INACTIVE: {
    make: async (shop, n) => void (await makeCustomer(t.db, shop, { last_visit_on: addDays(D, -n) })),
  },
  V01: {
    make: async (shop) =>
      void (await makeVehicle(t.db, shop, (await makeCustomer(t.db, shop)).id, { captured_on: D })),
  },
  V01_SALES: {
    make: async (shop) =>
      void (await makeVehicle(t.db, shop, (await makeCustomer(t.db, shop)).id, { captured_on: D })),
  },
  V02: { make: async (shop) => void (await makeCustomer(t.db, shop, { birthday: '1980-05-10' })) },
  E01: {
    make: async (shop, n) => {
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
          description: JSON.stringify({ en: 'Service', fr: 'Entretien', es: 'Servicio' }),
          every_km: null,
          every_hours: null,
          every_months: 12,
        })
        .execute();
      await makeVehicle(t.db, shop, (await makeCustomer(t.db, shop)).id, {
        make: 'Acme',
        delivery_date: addMonths(addDays(D, n), -12),
      });
    },
  },
  E02: {
    make: async (shop, n) =>
      void (await sentMessage(shop, 'E01', (await makeCustomer(t.db, shop)).id, addDays(D, -n))),
  },
  E03: {
    make: async (shop, n) =>
      void (await makeRepairOrder(t.db, shop, {
        customerId: (await makeCustomer(t.db, shop)).id,
        vehicleId: null,
        closedOn: addDays(D, -n),
        isMaintenance: true,
      })),
  },
  REVIEW: {
    make: async (shop, n) => {
      await t.db
        .updateTable('locations')
        .set({ review_link: 'https://g.page/r/test/review' })
        .where('org_id', '=', shop.orgId)
        .execute();
      await makeRepairOrder(t.db, shop, {
        customerId: (await makeCustomer(t.db, shop)).id,
        vehicleId: null,
        closedOn: addDays(D, -n),
      });
    },
  },
  // n x 24 hours before: decided on D when the reminder time falls on D.
  E04: {
    make: async (shop, n) =>
      void (await makeAppointment(t.db, shop, {
        customerId: (await makeCustomer(t.db, shop)).id,
        startsAt: `${addDays(D, n)}T15:00:00Z`,
      })),
  },
  E05: {
    make: async () => undefined,
    event: async (shop) => {
      const a = await makeAppointment(t.db, shop, {
        customerId: (await makeCustomer(t.db, shop)).id,
        startsAt: `${addDays(D, 5)}T14:00:00Z`,
      });
      await enqueueAppointmentConfirmation(t.db, shop.orgId, a.id, new Date(`${D}T15:00:00Z`));
    },
  },
  E06: {
    make: async (shop) => {
      const c = await makeCustomer(t.db, shop);
      await t.db
        .insertInto('surveys')
        .values({
          org_id: shop.orgId,
          location_id: shop.locationId,
          customer_id: c.id,
          rating: 5,
          answered_at: new Date(`${addDays(D, -1)}T15:00:00Z`),
        })
        .execute();
    },
  },
  E07: {
    make: async (shop, n) => {
      const c = await makeCustomer(t.db, shop);
      await t.db
        .insertInto('promotions')
        .values({
          org_id: shop.orgId,
          location_id: shop.locationId,
          name: 'Spring',
          description: JSON.stringify({ en: 'Spring' }),
        })
        .execute();
      await t.db
        .insertInto('staff_tasks')
        .values({
          org_id: shop.orgId,
          location_id: shop.locationId,
          kind: 'P00',
          customer_id: c.id,
          assigned_role: 'crm_agent',
          status: 'done',
          outcome: 'recontacted',
          due_on: addDays(D, -n),
          completed_at: new Date(`${addDays(D, -n)}T18:00:00Z`),
        })
        .execute();
    },
  },
  // The day setting of CAMPAIGN only switches it on: a campaign scheduled for D goes on D.
  CAMPAIGN: {
    make: async (shop) => {
      await makeCustomer(t.db, shop);
      await t.db
        .insertInto('campaigns')
        .values({
          org_id: shop.orgId,
          location_id: shop.locationId,
          name: 'Spring',
          status: 'scheduled',
          send_on: D,
          content: JSON.stringify({ en: { subject: 'Spring', body: 'Hello' } }),
        })
        .execute();
    },
  },
  P00: {
    make: async (shop, n) =>
      void (await sentMessage(shop, 'E02', (await makeCustomer(t.db, shop)).id, addDays(D, -n))),
  },
  P02: {
    make: async () => undefined,
    event: async (shop) => {
      const a = await makeAppointment(t.db, shop, {
        customerId: (await makeCustomer(t.db, shop)).id,
        startsAt: `${addDays(D, 5)}T14:00:00Z`,
        status: 'requested' as never,
      });
      await enqueueAppointmentRequested(t.db, shop.orgId, a.id, new Date(`${D}T15:00:00Z`));
    },
  },
  P01: {
    make: async () => undefined,
    event: async (shop) =>
      enqueueCustomerFileChanged(
        t.db,
        shop.orgId,
        (await makeCustomer(t.db, shop)).id,
        { phone: { from: '1', to: '2' } },
        new Date(`${D}T15:00:00Z`),
      ),
  },
};

/** The kind's default settings, or 1 day for a kind shipped off (V01_SALES). */
function onSettings(kind: string) {
  const d = kindSpec(kind).defaults;
  return {
    email: d.email > 0 ? d.email : 1,
    postcard: d.postcard,
    interval: d.interval ?? null,
    dead: d.dead ?? null,
  };
}

async function messagesOf(kind: string, settings: ReturnType<typeof onSettings> | 'zero') {
  const shop = await makeShop(t.db);
  await makeStaff(t.db, shop, 'crm_agent');
  await allRulesOff(t.db, shop);
  const on = onSettings(kind);
  if (settings !== 'zero') await setRule(t.db, shop, kind, settings);
  else await setRule(t.db, shop, kind, { email: 0, postcard: 0, interval: on.interval, dead: on.dead });
  const f = FIXTURES[kind]!;
  await f.make(shop, on.email);
  await runShopDays(t.db, shop, [D]);
  await f.event?.(shop);
  return outbox(t.db, shop, kind);
}

describe('setting 0 disables every kind', () => {
  it('has a fixture for every kind', () => {
    expect(Object.keys(FIXTURES).sort()).toEqual(KINDS.map((k) => k.code).sort());
  });

  it.each(KINDS.map((k) => [k.code] as const))('%s: made with its default days, not with 0', async (kind) => {
    const made = await messagesOf(kind, onSettings(kind));
    expect(made.map((m) => [m.kind, m.due_on])).toEqual([[kind, D]]);
    expect(made[0]!.status).toBe('pending');
    expect(await messagesOf(kind, 'zero')).toEqual([]);
  });
});
