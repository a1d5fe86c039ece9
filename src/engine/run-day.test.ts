import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import { outbox } from '../../test/helpers/engine.ts';
import { runDay } from './run-day.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

describe('runDay smoke', () => {
  it('runs every rule and is idempotent', async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop, { last_visit_on: '2025-09-01' });
    await makeVehicle(t.db, shop, c.id, { captured_on: '2026-03-01', next_visit_on: '2026-03-15' });
    const r1 = await runDay(t.db, '2026-03-01', { now: new Date('2026-03-01T12:00:00Z') });
    const r2 = await runDay(t.db, '2026-03-01', { now: new Date('2026-03-01T12:00:00Z') });
    expect(r1.inserted).toBeGreaterThan(0);
    expect(r2.inserted).toBe(0);
    const rows = await outbox(t.db, shop);
    expect(rows.map((r) => r.kind).sort()).toEqual(['REMINDER_1', 'V01']);
  });
});
