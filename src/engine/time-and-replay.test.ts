// Time zones, DST, E04's 48 hours, cancelled/moved appointments, catch-up and staleness,
// running a day twice and two runs at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import {
  allRulesOff,
  makeAppointment,
  makeStaff,
  outbox,
  runShopDays,
  setRule,
} from '../../test/helpers/engine.ts';
import { catchUp } from './catch-up.ts';
import { runDay } from './run-day.ts';
import { checkMessageStillValid, isMessageStillValid } from './still-valid.ts';
import { execSql } from './sql/exec.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

async function shopWith(
  kind: string,
  settings: Parameters<typeof setRule>[3],
  location: Parameters<typeof makeShop>[1] = {},
) {
  const shop = await makeShop(t.db, location);
  await allRulesOff(t.db, shop);
  await setRule(t.db, shop, kind, settings);
  return shop;
}

async function runs(shop: { orgId: number; locationId: number }) {
  return t.db
    .selectFrom('engine_runs')
    .select(['run_on', 'status'])
    .where('org_id', '=', shop.orgId)
    .where('location_id', '=', shop.locationId)
    .orderBy('run_on')
    .execute();
}

/** Starts the location's catch-up history: the scheduler has accounted for every day up to `day`. */
async function startHistory(shop: { orgId: number; locationId: number }, day: string) {
  await t.db
    .insertInto('engine_location_state')
    .values({ org_id: shop.orgId, location_id: shop.locationId, caught_up_to: day })
    .onConflict((oc) => oc.columns(['org_id', 'location_id']).doUpdateSet({ caught_up_to: day }))
    .execute();
}

async function cursor(shop: { orgId: number; locationId: number }) {
  const row = await t.db
    .selectFrom('engine_location_state')
    .select('caught_up_to')
    .where('org_id', '=', shop.orgId)
    .where('location_id', '=', shop.locationId)
    .executeTakeFirst();
  return row?.caught_up_to ?? null;
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
    const vis = await makeAppointment(t.db, shop, {
      startsAt: '2026-05-14T15:00:00Z',
      visitor: { name: 'Vi', email: 'vi@example.test' },
    });
    await runShopDays(
      t.db,
      shop,
      ['2026-05-10', '2026-05-11', '2026-05-12', '2026-05-13'],
      new Date('2026-05-10T00:00:00Z'),
    );
    const rows = await outbox(t.db, shop, 'E04');
    expect(
      rows.map((r) => [
        r.appointment_id,
        r.recipient_type,
        r.due_on,
        new Date(r.next_attempt_at).toISOString(),
      ]),
    ).toEqual([
      [a.id, 'customer', '2026-05-12', '2026-05-12T13:00:00.000Z'],
      [vis.id, 'visitor', '2026-05-12', '2026-05-12T15:00:00.000Z'],
    ]);
    expect(rows[1]).toMatchObject({
      recipient_email: 'vi@example.test',
      channel: 'email',
      customer_id: null,
    });
  });

  it('a moved appointment gets a reminder for the new time; the old one is cancelled and invalid at send time', async () => {
    const shop = await shopWith('E04', { email: 2 });
    const c = await makeCustomer(t.db, shop);
    const a = await makeAppointment(t.db, shop, { customerId: c.id, startsAt: '2026-05-14T13:00:00Z' });
    await runShopDays(t.db, shop, ['2026-05-12'], new Date('2026-05-12T10:05:00Z'));
    const [old] = await outbox(t.db, shop, 'E04');
    expect(old?.status).toBe('pending');
    // Moved two hours later the same day: the old reminder must not go out.
    await t.db
      .updateTable('appointments')
      .set({ starts_at: new Date('2026-05-14T15:00:00Z'), ends_at: new Date('2026-05-14T16:00:00Z') })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', a.id)
      .execute();
    expect(await checkMessageStillValid(t.db, old!)).toEqual({ valid: false, reason: 'appointment_moved' });
    await runShopDays(t.db, shop, ['2026-05-12'], new Date('2026-05-12T11:00:00Z'));
    const rows = await outbox(t.db, shop, 'E04');
    expect(rows.map((r) => [r.status, r.reason, new Date(r.next_attempt_at).toISOString()])).toEqual([
      ['cancelled', 'appointment_changed', '2026-05-12T13:00:00.000Z'],
      ['pending', null, '2026-05-12T15:00:00.000Z'],
    ]);
    expect(await isMessageStillValid(t.db, rows[1]!)).toBe(true);
    // Cancelled: no reminder for it at all.
    await t.db
      .updateTable('appointments')
      .set({ status: 'cancelled' })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', a.id)
      .execute();
    expect(await isMessageStillValid(t.db, rows[1]!)).toBe(false);
    await runShopDays(t.db, shop, ['2026-05-12'], new Date('2026-05-12T12:00:00Z'));
    expect((await outbox(t.db, shop, 'E04')).map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('DST in Toronto (2026-03-08, 23-hour day; 2026-11-01, 25-hour day): each reminder exactly 48 h before, once', async () => {
    const shop = await shopWith('E04', { email: 2 }, { time_zone: 'America/Toronto' });
    const c = await makeCustomer(t.db, shop);
    const starts = [
      '2026-03-09T13:30:00Z',
      '2026-03-10T06:30:00Z',
      '2026-03-10T12:00:00Z',
      '2026-11-02T11:30:00Z',
      '2026-11-03T12:00:00Z',
      '2026-11-03T05:30:00Z',
    ];
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

describe('REMINDER_1 / REMINDER_2 built from a booked appointment', () => {
  const startsAt = (m: { payload: unknown }) =>
    (m.payload as { appointment: { starts_at: string } }).appointment.starts_at;

  it('a cancelled appointment: the pending reminder is cancelled, invalid at send time, and no later reminder is made', async () => {
    const shop = await shopWith('REMINDER_1', { email: 2 });
    await setRule(t.db, shop, 'REMINDER_2', { email: 1 });
    const c = await makeCustomer(t.db, shop);
    const v = await makeVehicle(t.db, shop, c.id);
    const a = await makeAppointment(t.db, shop, {
      customerId: c.id,
      vehicleId: v.id,
      startsAt: '2026-05-14T14:00:00Z',
    });
    await runShopDays(t.db, shop, ['2026-05-12']);
    const [r1] = await outbox(t.db, shop, 'REMINDER_1');
    expect(r1).toMatchObject({ status: 'pending', appointment_id: a.id, due_on: '2026-05-12' });
    await t.db
      .updateTable('appointments')
      .set({ status: 'cancelled' })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', a.id)
      .execute();
    // Delivery, right before sending, refuses it...
    expect(await checkMessageStillValid(t.db, r1!)).toEqual({
      valid: false,
      reason: 'appointment_cancelled',
    });
    // ...and the next run cancels it in the outbox; REMINDER_2 is never decided for it.
    await runShopDays(t.db, shop, ['2026-05-13', '2026-05-14']);
    expect((await outbox(t.db, shop)).map((m) => [m.kind, m.status, m.reason])).toEqual([
      ['REMINDER_1', 'cancelled', 'appointment_changed'],
    ]);
  });

  it('a moved appointment: the reminders for the old time are cancelled; the new time gets its own, on its own days', async () => {
    const shop = await shopWith('REMINDER_1', { email: 2 });
    await setRule(t.db, shop, 'REMINDER_2', { email: 1 });
    const c = await makeCustomer(t.db, shop);
    const v = await makeVehicle(t.db, shop, c.id);
    const a = await makeAppointment(t.db, shop, {
      customerId: c.id,
      vehicleId: v.id,
      startsAt: '2026-05-14T14:00:00Z',
    });
    await runShopDays(t.db, shop, ['2026-05-12']);
    const [old] = await outbox(t.db, shop, 'REMINDER_1');
    expect(startsAt(old!)).toBe('2026-05-14T14:00:00.000Z');
    // Moved two hours later the same day: the reminder for 14:00 must not go out.
    const move = (iso: string) =>
      t.db
        .updateTable('appointments')
        .set({ starts_at: new Date(iso), ends_at: new Date(Date.parse(iso) + 3_600_000) })
        .where('org_id', '=', shop.orgId)
        .where('id', '=', a.id)
        .execute();
    await move('2026-05-14T16:00:00Z');
    expect(await checkMessageStillValid(t.db, old!)).toEqual({ valid: false, reason: 'appointment_moved' });
    // Then two days later: the 16th at 14:00.
    await move('2026-05-16T14:00:00Z');
    await runShopDays(t.db, shop, ['2026-05-13', '2026-05-14', '2026-05-15', '2026-05-16']);
    const rows = await outbox(t.db, shop);
    expect(rows.map((m) => [m.kind, m.due_on, startsAt(m), m.status, m.reason])).toEqual([
      ['REMINDER_1', '2026-05-12', '2026-05-14T14:00:00.000Z', 'cancelled', 'appointment_changed'],
      ['REMINDER_1', '2026-05-14', '2026-05-16T14:00:00.000Z', 'pending', null],
      ['REMINDER_2', '2026-05-15', '2026-05-16T14:00:00.000Z', 'pending', null],
    ]);
    for (const m of rows.filter((x) => x.status === 'pending'))
      expect(await isMessageStillValid(t.db, m)).toBe(true);
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
      // Start the location's history the day before the first day (and again before the autumn change).
      await startHistory(shop, minusOne(days[0]));
      await tick(shop, `${days[0]}T00:00:00Z`, `${days[2]}T23:59:00Z`, 30);
      await startHistory(shop, minusOne(days[3]));
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
      await t.db
        .insertInto('engine_runs')
        .values({
          org_id: shop.orgId,
          location_id: shop.locationId,
          run_on: '2026-06-09',
          status: 'done',
          counts: '{}',
        })
        .execute();
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

  it('running a day twice adds nothing for appointment kinds, E01, E02, P00 and E06 either', async () => {
    const shop = await makeShop(t.db);
    await allRulesOff(t.db, shop);
    for (const [kind, days] of [
      ['REMINDER_1', 2],
      ['E04', 2],
      ['NO_SHOW', 1],
      ['E01', 14],
      ['E02', 14],
      ['P00', 14],
      ['E06', 1],
    ] as const)
      await setRule(t.db, shop, kind, { email: days });
    await makeStaff(t.db, shop, 'crm_agent');
    const D = '2026-05-10';
    // REMINDER_1 and E04 of an appointment on the 12th; NO_SHOW of one missed on the 9th.
    const booked = await makeCustomer(t.db, shop);
    await makeAppointment(t.db, shop, { customerId: booked.id, startsAt: '2026-05-12T14:00:00Z' });
    const missed = await makeCustomer(t.db, shop);
    await makeAppointment(t.db, shop, {
      customerId: missed.id,
      startsAt: '2026-05-09T14:00:00Z',
      status: 'no_show' as never,
    });
    // E01: a yearly service due on the 24th.
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
    const recalled = await makeCustomer(t.db, shop);
    await makeVehicle(t.db, shop, recalled.id, { make: 'Acme', delivery_date: '2025-05-24' });
    // E02 after an E01 sent 14 days ago; P00 after an E02 sent 14 days ago.
    const first = await makeCustomer(t.db, shop);
    const lost = await makeCustomer(t.db, shop);
    for (const [kind, customer] of [
      ['E01', first],
      ['E02', lost],
    ] as const) {
      await t.db
        .insertInto('messages')
        .values({
          org_id: shop.orgId,
          location_id: shop.locationId,
          kind,
          channel: 'email',
          customer_id: customer.id,
          due_on: '2026-04-26',
          dedupe_key: `c${customer.id}/-/${kind}/2026-04-26`,
          status: 'sent',
          payload: '{}',
        })
        .execute();
    }
    // E06: one survey answered the day before.
    await t.db
      .insertInto('surveys')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        customer_id: booked.id,
        rating: 4,
        answered_at: new Date('2026-05-09T15:00:00Z'),
      })
      .execute();

    const [firstRun] = await runShopDays(t.db, shop, [D]);
    const before = await outbox(t.db, shop);
    expect(
      before
        .filter((m) => m.due_on === D)
        .map((m) => m.kind)
        .sort(),
    ).toEqual(['E01', 'E02', 'E04', 'E06', 'NO_SHOW', 'P00', 'REMINDER_1']);
    expect(firstRun!.inserted).toBe(7);
    // Again the same day, later, and once more at another instant: nothing added, nothing changed.
    const [second] = await runShopDays(t.db, shop, [D], new Date('2026-05-10T23:00:00Z'));
    const [third] = await runShopDays(t.db, shop, [D], new Date('2026-06-01T00:00:00Z'));
    expect([second!.inserted, third!.inserted]).toEqual([0, 0]);
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
    const results = await Promise.all([
      runDay(t.db, '2026-05-10', { now, locations: loc }),
      runDay(t.db, '2026-05-10', { now, locations: loc }),
      catchUp(t.db, now, { orgId: shop.orgId }),
    ]);
    // Whichever of the three wins the race decides the day; together they insert each once.
    const byTick = results[2].ran.reduce((n, r) => n + r.inserted, 0);
    expect(results[0].inserted + results[1].inserted + byTick).toBe(5);
    expect(await outbox(t.db, shop, 'V01')).toHaveLength(5);
  });

  it('a day decided in shards of locations gives what one transaction gives, and overlapping shards add nothing', async () => {
    const shops = [];
    for (let s = 0; s < 3; s++) {
      const shop = await shopWith('V01', { email: 1 });
      for (let i = 0; i <= s; i++) {
        const c = await makeCustomer(t.db, shop);
        await makeVehicle(t.db, shop, c.id, { captured_on: '2026-05-11' });
      }
      shops.push(shop);
    }
    const loc = shops.map((s) => ({ orgId: s.orgId, locationId: s.locationId }));
    const now = new Date('2026-05-11T12:00:00Z');
    const sharded = await runDay(t.db, '2026-05-11', { now, locations: loc, shards: 2 });
    expect(sharded.locations).toBe(3);
    expect(sharded.inserted).toBe(6);
    expect(sharded.counts).toEqual({ 'V01:pending': 6 });
    expect(new Set(sharded.messageIds.map((m) => m.id)).size).toBe(6);
    for (const [s, shop] of shops.entries()) expect(await outbox(t.db, shop, 'V01')).toHaveLength(s + 1);
    // Shards that overlap with each other and with a whole run, at once: locked per location and day.
    const again = await Promise.all([
      runDay(t.db, '2026-05-11', { now, locations: loc, shards: 3 }),
      runDay(t.db, '2026-05-11', { now, locations: loc.slice(1) }),
    ]);
    expect(again.map((r) => r.inserted)).toEqual([0, 0]);
  });

  it('catches up missed days, skipping those older than staleness_days', async () => {
    const shop = await shopWith('V01', { email: 1 }, { staleness_days: 2, run_hour: 6 });
    const c = await makeCustomer(t.db, shop);
    for (const d of ['2026-05-03', '2026-05-05', '2026-05-08', '2026-05-09', '2026-05-10'])
      await makeVehicle(t.db, shop, c.id, { captured_on: d });
    await startHistory(shop, '2026-05-02');
    await t.db
      .insertInto('engine_runs')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        run_on: '2026-05-02',
        status: 'done',
        counts: '{}',
      })
      .execute();
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
    expect((await outbox(t.db, shop, 'V01')).map((m) => m.due_on)).toEqual([
      '2026-05-08',
      '2026-05-09',
      '2026-05-10',
    ]);
    // A tick later the same day does nothing more.
    const again = await catchUp(t.db, new Date('2026-05-10T15:00:00Z'), { orgId: shop.orgId });
    expect(again.ran).toEqual([]);
  });

  it('a future day run by hand does not hold the location back: the next days are still run on time', async () => {
    const shop = await shopWith('V01', { email: 1 }, { run_hour: 6, staleness_days: 30 });
    const c = await makeCustomer(t.db, shop);
    for (const d of ['2026-05-10', '2026-05-11', '2026-05-20'])
      await makeVehicle(t.db, shop, c.id, { captured_on: d });
    await startHistory(shop, '2026-05-09');
    // Someone previews the 20th for real: `relance run --date 2026-05-20` on the 10th.
    await runDay(t.db, '2026-05-20', {
      now: new Date('2026-05-10T09:00:00Z'),
      locations: [{ orgId: shop.orgId, locationId: shop.locationId }],
    });
    await catchUp(t.db, new Date('2026-05-10T11:00:00Z'), { orgId: shop.orgId });
    await catchUp(t.db, new Date('2026-05-11T11:00:00Z'), { orgId: shop.orgId });
    expect((await runs(shop)).map((x) => `${x.run_on}:${x.status}`)).toEqual([
      '2026-05-10:done',
      '2026-05-11:done',
      '2026-05-20:done',
    ]);
    expect(await cursor(shop)).toBe('2026-05-11');
    expect((await outbox(t.db, shop, 'V01')).map((m) => m.due_on).sort()).toEqual([
      '2026-05-10',
      '2026-05-11',
      '2026-05-20',
    ]);
    // When the scheduler reaches the 20th, the day decided by hand is accounted for, not run again.
    const r = await catchUp(t.db, new Date('2026-05-20T11:00:00Z'), { orgId: shop.orgId });
    expect(r.ran.map((x) => x.day)).toEqual([
      '2026-05-12',
      '2026-05-13',
      '2026-05-14',
      '2026-05-15',
      '2026-05-16',
      '2026-05-17',
      '2026-05-18',
      '2026-05-19',
    ]);
    expect(await cursor(shop)).toBe('2026-05-20');
    expect(await outbox(t.db, shop, 'V01')).toHaveLength(3);
  });

  it('a later past day run by hand does not skip the days before it: they are caught up, or skipped as stale', async () => {
    const shop = await shopWith('V01', { email: 1 }, { staleness_days: 3, run_hour: 6 });
    const c = await makeCustomer(t.db, shop);
    for (const d of ['2026-05-04', '2026-05-08', '2026-05-09'])
      await makeVehicle(t.db, shop, c.id, { captured_on: d });
    await startHistory(shop, '2026-05-02');
    // Down since the 3rd; on the 10th at 05:00 local (before the run hour) someone runs the 9th by hand.
    await runDay(t.db, '2026-05-09', {
      now: new Date('2026-05-10T09:00:00Z'),
      locations: [{ orgId: shop.orgId, locationId: shop.locationId }],
    });
    const r = await catchUp(t.db, new Date('2026-05-10T11:00:00Z'), { orgId: shop.orgId });
    expect(r.failed).toEqual([]);
    expect((await runs(shop)).map((x) => `${x.run_on}:${x.status}`)).toEqual([
      '2026-05-03:skipped_stale',
      '2026-05-04:skipped_stale',
      '2026-05-05:skipped_stale',
      '2026-05-06:skipped_stale',
      '2026-05-07:done',
      '2026-05-08:done',
      '2026-05-09:done',
      '2026-05-10:done',
    ]);
    expect(r.ran.map((x) => x.day)).toEqual(['2026-05-07', '2026-05-08', '2026-05-10']);
    expect((await outbox(t.db, shop, 'V01')).map((m) => m.due_on).sort()).toEqual([
      '2026-05-08',
      '2026-05-09',
    ]);
    expect(await cursor(shop)).toBe('2026-05-10');
  });

  it('a failed day stops the cursor before it, and the next tick retries it first', async () => {
    const shop = await shopWith('V01', { email: 1 }, { run_hour: 6 });
    await startHistory(shop, '2026-05-07');
    // The 9th fails when it is recorded as done (the whole day rolls back).
    await execSql(
      t.db,
      `CREATE FUNCTION fail_day_${shop.orgId}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.org_id = ${shop.orgId} AND NEW.run_on = date '2026-05-09' AND NEW.status = 'done' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$`,
    );
    await execSql(
      t.db,
      `CREATE TRIGGER fail_day_${shop.orgId} BEFORE INSERT OR UPDATE ON engine_runs FOR EACH ROW EXECUTE FUNCTION fail_day_${shop.orgId}()`,
    );
    try {
      const r = await catchUp(t.db, new Date('2026-05-10T11:00:00Z'), { orgId: shop.orgId });
      expect(r.ran.map((x) => x.day)).toEqual(['2026-05-08']);
      expect(r.failed).toEqual([{ day: '2026-05-09', error: expect.stringContaining('disk full') }]);
      expect(await cursor(shop)).toBe('2026-05-08');
    } finally {
      await execSql(t.db, `DROP TRIGGER fail_day_${shop.orgId} ON engine_runs`);
    }
    const again = await catchUp(t.db, new Date('2026-05-10T11:30:00Z'), { orgId: shop.orgId });
    expect(again.ran.map((x) => x.day)).toEqual(['2026-05-09', '2026-05-10']);
    expect((await runs(shop)).map((x) => `${x.run_on}:${x.status}`)).toEqual([
      '2026-05-08:done',
      '2026-05-09:done',
      '2026-05-10:done',
    ]);
    expect(await cursor(shop)).toBe('2026-05-10');
  });
});

function addOne(d: string) {
  return new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
function minusOne(d: string) {
  return new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
