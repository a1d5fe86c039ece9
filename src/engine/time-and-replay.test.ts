// Time zones, DST, E04's 48 hours, cancelled/moved appointments, catch-up and staleness,
// running a day twice and two runs at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import { allRulesOff, makeAppointment, outbox, runShopDays, setRule } from '../../test/helpers/engine.ts';
import { catchUp } from './catch-up.ts';
import { runDay } from './run-day.ts';
import { checkMessageStillValid, isMessageStillValid } from './still-valid.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

async function shopWith(kind: string, settings: Parameters<typeof setRule>[3], location: Parameters<typeof makeShop>[1] = {}) {
  const shop = await makeShop(t.db, location);
  await allRulesOff(t.db, shop);
  await setRule(t.db, shop, kind, settings);
  return shop;
}

async function runs(shop: { orgId: number; locationId: number }) {
  return t.db.selectFrom('engine_runs').select(['run_on', 'status']).where('org_id', '=', shop.orgId).where('location_id', '=', shop.locationId).orderBy('run_on').execute();
}

/** Ticks the catch-up every `stepMinutes` from `from` to `to` (ISO instants). */
async function tick(shop: { orgId: number }, from: string, to: string, stepMinutes = 60) {
  for (let at = Date.parse(from); at <= Date.parse(to); at += stepMinutes * 60_000) {
    await catchUp(t.db, new Date(at), { orgId: shop.orgId });
  }
}

describe('E04: 48 hours before the appointment', () => {
  it('is decided once, goes out exactly 48 h before, to customers and visitors', async () => {
    const shop = await shopWith('E04', { email: 2 });
    const c = await makeCustomer(t.db, shop);
    const a = await makeAppointment(t.db, shop, { customerId: c.id, startsAt: '2026-05-14T13:00:00Z' });
    const vis = await makeAppointment(t.db, shop, { startsAt: '2026-05-14T15:00:00Z', visitor: { name: 'Vi', email: 'vi@example.test' } });
    await runShopDays(t.db, shop, ['2026-05-10', '2026-05-11', '2026-05-12', '2026-05-13'], new Date('2026-05-10T00:00:00Z'));
    const rows = await outbox(t.db, shop, 'E04');
    expect(rows.map((r) => [r.appointment_id, r.recipient_type, r.due_on, new Date(r.next_attempt_at).toISOString()])).toEqual([
      [a.id, 'customer', '2026-05-12', '2026-05-12T13:00:00.000Z'],
      [vis.id, 'visitor', '2026-05-12', '2026-05-12T15:00:00.000Z'],
    ]);
    expect(rows[1]).toMatchObject({ recipient_email: 'vi@example.test', channel: 'email', customer_id: null });
  });

  it('a moved appointment gets a reminder for the new time; the old one is cancelled and invalid at send time', async () => {
    const shop = await shopWith('E04', { email: 2 });
    const c = await makeCustomer(t.db, shop);
    const a = await makeAppointment(t.db, shop, { customerId: c.id, startsAt: '2026-05-14T13:00:00Z' });
    await runShopDays(t.db, shop, ['2026-05-12'], new Date('2026-05-12T10:05:00Z'));
    const [old] = await outbox(t.db, shop, 'E04');
    expect(old?.status).toBe('pending');
    // Moved two hours later the same day: the old reminder must not go out.
    await t.db.updateTable('appointments').set({ starts_at: new Date('2026-05-14T15:00:00Z'), ends_at: new Date('2026-05-14T16:00:00Z') }).where('org_id', '=', shop.orgId).where('id', '=', a.id).execute();
    expect(await checkMessageStillValid(t.db, old!)).toEqual({ valid: false, reason: 'appointment_moved' });
    await runShopDays(t.db, shop, ['2026-05-12'], new Date('2026-05-12T11:00:00Z'));
    const rows = await outbox(t.db, shop, 'E04');
    expect(rows.map((r) => [r.status, r.reason, new Date(r.next_attempt_at).toISOString()])).toEqual([
      ['cancelled', 'appointment_changed', '2026-05-12T13:00:00.000Z'],
      ['pending', null, '2026-05-12T15:00:00.000Z'],
    ]);
    expect(await isMessageStillValid(t.db, rows[1]!)).toBe(true);
    // Cancelled: no reminder for it at all.
    await t.db.updateTable('appointments').set({ status: 'cancelled' }).where('org_id', '=', shop.orgId).where('id', '=', a.id).execute();
    expect(await isMessageStillValid(t.db, rows[1]!)).toBe(false);
    await runShopDays(t.db, shop, ['2026-05-12'], new Date('2026-05-12T12:00:00Z'));
    expect((await outbox(t.db, shop, 'E04')).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('DST in Toronto (2026-03-08, 23-hour day; 2026-11-01, 25-hour day): each reminder exactly 48 h before, once', async () => {
    const shop = await shopWith('E04', { email: 2 }, { time_zone: 'America/Toronto' });
    const c = await makeCustomer(t.db, shop);
    const starts = ['2026-03-09T13:30:00Z', '2026-03-10T06:30:00Z', '2026-03-10T12:00:00Z', '2026-11-02T11:30:00Z', '2026-11-03T12:00:00Z', '2026-11-03T05:30:00Z'];
    for (const s of starts) await makeAppointment(t.db, shop, { customerId: c.id, startsAt: s });
    await tick(shop, '2026-03-05T00:00:00Z', '2026-03-10T00:00:00Z', 60);
    await tick(shop, '2026-10-29T00:00:00Z', '2026-11-03T00:00:00Z', 60);
    const rows = await outbox(t.db, shop, 'E04');
    expect(rows).toHaveLength(starts.length);
    for (const r of rows) {
      const s = Date.parse((r.payload as { appointment: { starts_at: string } }).appointment.starts_at);
      expect(new Date(r.next_attempt_at).getTime()).toBe(s - 48 * 3_600_000);
    }
  });
});

describe('DST and time zones for day-based rules', () => {
  for (const [zone, days] of [
    ['America/Toronto', ['2026-03-07', '2026-03-08', '2026-03-09', '2026-10-31', '2026-11-01', '2026-11-02']],
    ['Europe/Paris', ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26']],
  ] as const) {
    it(`${zone}: hourly ticks across the DST changes run each day once and send each reminder once`, async () => {
      const shop = await shopWith('REMINDER_1', { email: 1 }, { time_zone: zone, run_hour: 2 });
      const c = await makeCustomer(t.db, shop);
      for (const d of days) await makeVehicle(t.db, shop, c.id, { next_visit_on: addOne(d) });
      // Start the location's history the day before the first day.
      await t.db.insertInto('engine_runs').values([{ org_id: shop.orgId, location_id: shop.locationId, run_on: minusOne(days[0]), status: 'done', counts: '{}' }]).execute();
      await tick(shop, `${days[0]}T00:00:00Z`, `${days[2]}T23:59:00Z`, 30);
      await t.db.insertInto('engine_runs').values([{ org_id: shop.orgId, location_id: shop.locationId, run_on: minusOne(days[3]), status: 'done', counts: '{}' }]).onConflict((oc) => oc.doNothing()).execute();
      await t.db.deleteFrom('engine_runs').where('org_id', '=', shop.orgId).where('run_on', '>', days[2]).where('run_on', '<', minusOne(days[3])).execute();
      await tick(shop, `${days[3]}T00:00:00Z`, `${days[5]}T23:59:00Z`, 30);
      const done = (await runs(shop)).filter((r) => r.status === 'done').map((r) => r.run_on);
      for (const d of days) expect(done.filter((x) => x === d)).toHaveLength(1);
      expect((await outbox(t.db, shop, 'REMINDER_1')).map((r) => r.due_on)).toEqual([...days]);
    });
  }

  it('each location decides its own local day at its own hour', async () => {
    const toronto = await shopWith('V01', { email: 1 }, { time_zone: 'America/Toronto', run_hour: 6 });
    const paris = await shopWith('V01', { email: 1 }, { time_zone: 'Europe/Paris', run_hour: 6 });
    for (const shop of [toronto, paris]) {
      await t.db.insertInto('engine_runs').values({ org_id: shop.orgId, location_id: shop.locationId, run_on: '2026-06-09', status: 'done', counts: '{}' }).execute();
    }
    // 2026-06-10 05:00Z: 07:00 in Paris (past 6:00), 01:00 in Toronto (not yet).
    await catchUp(t.db, new Date('2026-06-10T05:00:00Z'), { orgId: paris.orgId });
    await catchUp(t.db, new Date('2026-06-10T05:00:00Z'), { orgId: toronto.orgId });
    expect((await runs(paris)).map((r) => r.run_on)).toEqual(['2026-06-09', '2026-06-10']);
    expect((await runs(toronto)).map((r) => r.run_on)).toEqual(['2026-06-09']);
    await catchUp(t.db, new Date('2026-06-10T10:00:00Z'), { orgId: toronto.orgId });
    expect((await runs(toronto)).map((r) => r.run_on)).toEqual(['2026-06-09', '2026-06-10']);
  });
});

describe('replay, catch-up, staleness, concurrency', () => {
  it('running a day twice adds nothing', async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop, { last_visit_on: '2025-11-11', birthday: '1990-05-10' });
    await makeVehicle(t.db, shop, c.id, { captured_on: '2026-05-10', next_visit_on: '2026-05-24' });
    const [first] = await runShopDays(t.db, shop, ['2026-05-10']);
    const before = await outbox(t.db, shop);
    const [second] = await runShopDays(t.db, shop, ['2026-05-10'], new Date('2026-06-01T00:00:00Z'));
    expect(first!.inserted).toBeGreaterThan(0);
    expect(second!.inserted).toBe(0);
    expect(await outbox(t.db, shop)).toEqual(before);
  });

  it('two concurrent runs of the same day insert each message once', async () => {
    const shop = await shopWith('V01', { email: 1 });
    for (let i = 0; i < 5; i++) {
      const c = await makeCustomer(t.db, shop);
      await makeVehicle(t.db, shop, c.id, { captured_on: '2026-05-10' });
    }
    const loc = [{ orgId: shop.orgId, locationId: shop.locationId }];
    const now = new Date('2026-05-10T12:00:00Z');
    const results = await Promise.all([runDay(t.db, '2026-05-10', { now, locations: loc }), runDay(t.db, '2026-05-10', { now, locations: loc }), catchUp(t.db, now, { orgId: shop.orgId })]);
    expect(results[0].inserted + results[1].inserted).toBe(5);
    expect(await outbox(t.db, shop, 'V01')).toHaveLength(5);
  });

  it('catches up missed days, skipping those older than staleness_days', async () => {
    const shop = await shopWith('V01', { email: 1 }, { staleness_days: 2, run_hour: 6 });
    const c = await makeCustomer(t.db, shop);
    for (const d of ['2026-05-03', '2026-05-05', '2026-05-08', '2026-05-09', '2026-05-10']) await makeVehicle(t.db, shop, c.id, { captured_on: d });
    await t.db.insertInto('engine_runs').values({ org_id: shop.orgId, location_id: shop.locationId, run_on: '2026-05-02', status: 'done', counts: '{}' }).execute();
    // Down from the 3rd; back on the 10th at 07:00 Toronto (11:00Z).
    const r = await catchUp(t.db, new Date('2026-05-10T11:00:00Z'), { orgId: shop.orgId });
    expect(r.failed).toEqual([]);
    expect((await runs(shop)).map((x) => `${x.run_on}:${x.status}`)).toEqual([
      '2026-05-02:done',
      '2026-05-03:skipped_stale',
      '2026-05-04:skipped_stale',
      '2026-05-05:skipped_stale',
      '2026-05-06:skipped_stale',
      '2026-05-07:skipped_stale',
      '2026-05-08:done',
      '2026-05-09:done',
      '2026-05-10:done',
    ]);
    expect((await outbox(t.db, shop, 'V01')).map((m) => m.due_on)).toEqual(['2026-05-08', '2026-05-09', '2026-05-10']);
    // A tick later the same day does nothing more.
    const again = await catchUp(t.db, new Date('2026-05-10T15:00:00Z'), { orgId: shop.orgId });
    expect(again.ran).toEqual([]);
  });
});

function addOne(d: string) {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
function minusOne(d: string) {
  return new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
