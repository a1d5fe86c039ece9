// The send queue ahead (previewSendQueue) skips what its days would redo for nothing (the
// maintenance refresh after the first day, engine_runs) and keeps a never-run location's first
// predictions: what it lists must still be, item for item, what the daily runs of those days then
// decide. Checked on the demo generator's data around the spring DST change in Toronto
// (2026-03-08), with a tight frequency cap so each day depends on the days before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeAppointment, makeRepairOrder } from '../../test/helpers/engine.ts';
import type { DB } from '../db/schema.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { addDays } from '../domain/time/dates.ts';
import { explain, previewSendQueue, type PreviewRow } from './preview.ts';
import { runDay } from './run-day.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

type Shop = { orgId: number; locationId: number };

/** An item without the ids and order the rolled-back preview cannot share with the real rows. */
const key = (r: {
  day: string;
  kind: string;
  channel: string;
  status: string;
  reason: string | null;
  customerId: number | null;
  why: string;
  nextAttemptAt: string;
}) => [r.day, r.kind, r.channel, r.status, r.reason, r.customerId, r.why, r.nextAttemptAt].join(' | ');

/**
 * What the preview lists, from the real outbox once the days have been run: the rows those runs
 * added (after `lastId`; a late one can be due before `from`), and those already pending for the days.
 */
async function decided(db: Kysely<DB>, shop: Shop, from: string, days: number, lastId: number) {
  const rows = await db
    .selectFrom('messages')
    .select(['kind', 'channel', 'status', 'reason', 'due_on', 'customer_id', 'payload', 'next_attempt_at'])
    .where('org_id', '=', shop.orgId)
    .where('location_id', '=', shop.locationId)
    .where((w) =>
      w.or([
        w('id', '>', lastId),
        w.and([w('status', '=', 'pending'), w('due_on', '>=', from), w('due_on', '<', addDays(from, days))]),
      ]),
    )
    .execute();
  return rows
    .map((m) =>
      key({
        day: m.due_on,
        kind: m.kind,
        channel: m.channel,
        status: m.status,
        reason: m.reason,
        customerId: m.customer_id,
        why: explain(m.kind, m.payload),
        nextAttemptAt: new Date(m.next_attempt_at).toISOString(),
      }),
    )
    .sort();
}

async function lastMessageId(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('messages')
    .select((e) => e.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(r?.id ?? 0);
}

async function runDays(db: Kysely<DB>, shop: Shop, from: string, days: number, now: Date) {
  for (let i = 0; i < days; i++)
    await runDay(db, addDays(from, i), {
      now,
      locations: [{ orgId: shop.orgId, locationId: shop.locationId }],
    });
}

const keys = (rows: PreviewRow[]) => rows.map(key).sort();

describe('the send queue ahead', () => {
  it('lists what the daily runs of those days decide, across the DST change, first run included', async () => {
    const demo = await loadDemo(t.db, { locations: 1, customers: 500, seed: 'preview', today: '2026-03-06' });
    const shop = { orgId: demo.orgId, locationId: demo.locations[0]!.id };
    await t.db
      .updateTable('locations')
      .set({ time_zone: 'America/Toronto', cap_count: 1, cap_days: 3 })
      .where('org_id', '=', shop.orgId)
      .execute();
    const customer = await t.db
      .selectFrom('vehicles')
      .select(['customer_id', 'id'])
      .where('org_id', '=', shop.orgId)
      .where('customer_id', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // E04 goes 48 hours before: 09:00 on the 10th (EDT) is 09:00 on the 8th only in local time.
    await makeAppointment(t.db, shop, {
      customerId: customer.customer_id,
      vehicleId: customer.id,
      startsAt: '2026-03-10T13:00:00Z',
    });
    await makeAppointment(t.db, shop, {
      customerId: customer.customer_id,
      vehicleId: customer.id,
      startsAt: '2026-03-09T06:30:00Z',
    });

    // 1. A location the daily run has never seen (the demo's): its first day predicts maintenance.
    const now = new Date('2026-03-06T04:00:00Z');
    const preview = await previewSendQueue(t.db, shop.orgId, shop.locationId, '2026-03-06', 5, now);
    expect(new Set(preview.map((r) => r.day))).toContain('2026-03-08');
    expect(new Set(preview.map((r) => r.kind)).size).toBeGreaterThan(4);
    expect(preview.some((r) => r.reason === 'frequency_cap')).toBe(true);
    const before = await lastMessageId(t.db);
    await runDays(t.db, shop, '2026-03-06', 5, now);
    expect(keys(preview)).toEqual(await decided(t.db, shop, '2026-03-06', 5, before));

    // 2. The same location later on, with a visit since (its vehicle is marked for a new prediction).
    await makeRepairOrder(t.db, shop, {
      customerId: customer.customer_id,
      vehicleId: customer.id,
      closedOn: '2026-03-10',
      isMaintenance: true,
      odometer: 99_000,
    });
    // And a vehicle whose stored prediction is out of date (marked for recomputation): on the
    // stale date its E01 would be due on the 12th; the day's refresh must come first.
    const stale = await t.db
      .selectFrom('vehicle_maintenance as vm')
      .innerJoin('vehicles as v', (j) =>
        j.onRef('v.org_id', '=', 'vm.org_id').onRef('v.id', '=', 'vm.vehicle_id'),
      )
      .innerJoin('customers as c', (j) =>
        j.onRef('c.org_id', '=', 'v.org_id').onRef('c.id', '=', 'v.customer_id'),
      )
      .select('vm.vehicle_id')
      .where('vm.org_id', '=', shop.orgId)
      .where('vm.next_due_on', '>', '2026-04-30')
      .where('c.email', 'is not', null)
      .orderBy('vm.vehicle_id')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('vehicle_maintenance')
      .set({ next_due_on: addDays('2026-03-12', 14) })
      .where('org_id', '=', shop.orgId)
      .where('vehicle_id', '=', stale.vehicle_id)
      .execute();
    await t.db
      .insertInto('maintenance_dirty')
      .values({ org_id: shop.orgId, vehicle_id: stale.vehicle_id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    const later = new Date('2026-03-11T05:00:00Z');
    const next = await previewSendQueue(t.db, shop.orgId, shop.locationId, '2026-03-11', 4, later);
    expect(next.length).toBeGreaterThan(0);
    const beforeLater = await lastMessageId(t.db);
    await runDays(t.db, shop, '2026-03-11', 4, later);
    expect(keys(next)).toEqual(await decided(t.db, shop, '2026-03-11', 4, beforeLater));
  }, 120_000);
});
