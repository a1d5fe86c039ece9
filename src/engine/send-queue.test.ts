// The kept send queue ahead: read while nothing it depends on has changed, computed again (and
// equal to the engine's preview) as soon as something has, and every table the engine reads
// records its changes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName, createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import { allRulesOff, makeAppointment, setRule } from '../../test/helpers/engine.ts';

import { previewSendQueue } from './preview.ts';
import { keepSendQueues, sendQueue } from './send-queue.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const FROM = '2026-05-10';
const NOW = new Date('2026-05-10T03:00:00Z');

async function shopWithQueue() {
  const shop = await makeShop(t.db);
  await allRulesOff(t.db, shop);
  await setRule(t.db, shop, 'REMINDER_1', { email: 14 });
  await setRule(t.db, shop, 'V02', { email: 1 });
  const c = await makeCustomer(t.db, shop, { mailing_name: 'Ada Lovelace', birthday: '1815-05-12' });
  const v = await makeVehicle(t.db, shop, c.id, { next_visit_on: '2026-05-25' });
  return { shop, c, v };
}

describe('the kept send queue', () => {
  it('is read back while nothing changed, then computed again after a change, as the engine decides', async () => {
    const { shop, c, v } = await shopWithQueue();
    const first = await sendQueue(t.db, shop.orgId, shop.locationId, FROM, 7, NOW);
    expect(first.kept).toBe(false);
    expect(first.items.map((r) => r.kind)).toEqual(['REMINDER_1', 'V02']);
    const again = await sendQueue(t.db, shop.orgId, shop.locationId, FROM, 7, NOW);
    expect(again.kept).toBe(true);
    expect(again.items).toEqual(first.items);

    // Other days, or an earlier now, are not what was kept.
    expect((await sendQueue(t.db, shop.orgId, shop.locationId, FROM, 5, NOW)).kept).toBe(false);
    expect(
      (await sendQueue(t.db, shop.orgId, shop.locationId, FROM, 7, new Date(NOW.getTime() - 1))).kept,
    ).toBe(false);

    // A change of any table the rules read: an appointment booked, a birthday corrected.
    await makeAppointment(t.db, shop, {
      customerId: c.id,
      vehicleId: v.id,
      startsAt: '2026-05-30T14:00:00Z',
    });
    await t.db.updateTable('customers').set({ birthday: '1815-05-14' }).where('id', '=', c.id).execute();
    const after = await sendQueue(t.db, shop.orgId, shop.locationId, FROM, 7, NOW);
    expect(after.kept).toBe(false);
    expect(after.items).toEqual(await previewSendQueue(t.db, shop.orgId, shop.locationId, FROM, 7, NOW));
    expect(after.items.find((r) => r.kind === 'V02')?.day).toBe('2026-05-14');
    expect((await sendQueue(t.db, shop.orgId, shop.locationId, FROM, 7, NOW)).kept).toBe(true);
  });

  it('gives what is still to be decided the time of the read when it is later', async () => {
    const { shop } = await shopWithQueue();
    await sendQueue(t.db, shop.orgId, shop.locationId, FROM, 7, NOW);
    const later = new Date('2026-05-11T20:00:00Z');
    const kept = await sendQueue(t.db, shop.orgId, shop.locationId, FROM, 7, later);
    expect(kept.kept).toBe(true);
    const fresh = await previewSendQueue(t.db, shop.orgId, shop.locationId, FROM, 7, later);
    expect(kept.items).toEqual(fresh);
    expect(fresh.some((r) => r.nextAttemptAt === later.toISOString())).toBe(true);
  });

  it('is not kept past a change committed while it was computed (PostgreSQL)', async () => {
    if (backendName !== 'postgres') return;
    const { shop, c } = await shopWithQueue();
    // A transaction in progress when the forecast reads its data, committed after.
    await t.db.transaction().execute(async (trx) => {
      await trx.updateTable('customers').set({ birthday: '1815-05-15' }).where('id', '=', c.id).execute();
      const during = await sendQueue(t.db, shop.orgId, shop.locationId, FROM, 7, NOW);
      expect(during.items.find((r) => r.kind === 'V02')?.day).toBe('2026-05-12');
    });
    const after = await sendQueue(t.db, shop.orgId, shop.locationId, FROM, 7, NOW);
    expect(after.kept).toBe(false);
    expect(after.items.find((r) => r.kind === 'V02')?.day).toBe('2026-05-15');
  });

  it("the jobs keep the console's forecast of each location, computed once until something changes", async () => {
    const { shop } = await shopWithQueue();
    const now = new Date('2026-05-09T12:00:00Z'); // the 9th in Toronto: the console asks from the 10th
    expect(await keepSendQueues(t.db, now)).toBeGreaterThan(0);
    expect(await keepSendQueues(t.db, now)).toBe(0);
    expect((await sendQueue(t.db, shop.orgId, shop.locationId, FROM, 7, now)).kept).toBe(true);
  });
});

describe('change records', () => {
  /** Every table named after FROM, JOIN or drive( in the engine's SQL (rules, run, refresh, preview). */
  function tablesTheEngineNames(): Set<string> {
    const files = [
      'run-day.ts',
      'preview.ts',
      'control-group.ts',
      'maintenance/refresh.ts',
      ...readdirSync(join(import.meta.dirname, 'rules'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => `rules/${f}`),
      ...readdirSync(join(import.meta.dirname, 'sql')).map((f) => `sql/${f}`),
    ].map((f) => join(import.meta.dirname, f));
    files.push(
      ...readdirSync(join(import.meta.dirname, '../domain/compliance'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .map((f) => join(import.meta.dirname, '../domain/compliance', f)),
    );
    const names = new Set<string>();
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\b(?:FROM|JOIN|drive\(')\s*([a-z_]+)/g)) names.add(m[1]!);
      for (const m of text.matchAll(/selectFrom\('([a-z_]+)/g)) names.add(m[1]!);
    }
    return names;
  }

  it('are written by every table the engine reads', async () => {
    const tables = (
      await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(t.db)
    ).rows.map((r) => r.name);
    // The engine's own bookkeeping: what it decides from them is recorded through the data tables.
    const bookkeeping = new Set([
      'engine_runs',
      'engine_location_state',
      'maintenance_dirty',
      'send_queue_forecasts',
    ]);
    const read = [...tablesTheEngineNames()].filter((n) => tables.includes(n) && !bookkeeping.has(n)).sort();
    expect(read).toContain('customers');
    expect(read).toContain('messages');
    const triggered = (
      await sql<{
        name: string;
      }>`SELECT DISTINCT c.relname AS name FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE g.tgname LIKE '%_send_queue_%'`.execute(t.db)
    ).rows.map((r) => r.name);
    expect(read.filter((n) => !triggered.includes(n))).toEqual([]);
  });
});
