// relance results: the reports as a table and as CSV, on a test clock; bad flags named.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../config/env.ts';
import type { AppContext } from '../../../context.ts';
import { deriveKeys } from '../../../security/keys.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../../test/helpers/factories.ts';
import { makeRepairOrder } from '../../../../test/helpers/engine.ts';
import { UsageError } from '../../command.ts';
import { resultsCommand } from './results.ts';
import { createLogger } from '../../../config/logger.ts';

let t: TestDatabase;
let ctx: AppContext;
const out: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = {
    config: loadConfig({}),
    keys: deriveKeys('33'.repeat(32)),
    database: t,
    db: t.db,
    now: () => new Date('2026-03-10T15:00:00Z'),
    log: createLogger({ LOG_LEVEL: 'warn' }),
  };
  const shop = await makeShop(t.db, { code: 'RES' });
  const a = await makeCustomer(t.db, shop);
  const b = await makeCustomer(t.db, shop);
  for (const [c, d] of [
    [a.id, '2025-01-10'],
    [a.id, '2025-06-01'],
    [b.id, '2025-02-10'],
  ] as const)
    await makeRepairOrder(t.db, shop, { customerId: c, vehicleId: null, closedOn: d });
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => out.push(String(s)) > 0);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t.close();
});

const run = (positionals: string[], values: Record<string, string | boolean>) =>
  resultsCommand.run({ positionals, values }, ctx);

describe('relance results', () => {
  it('prints retention as a table, 12 months up to a lone --to', async () => {
    out.length = 0;
    expect(await run(['retention'], { location: 'RES', to: '2026-02' })).toBe(0);
    expect(out[0]).toMatch(/location_id\s+month\s+customers_before\s+retained\s+retention_rate/);
    expect(out).toHaveLength(2 + 12);
    // 2026-01: base 2024-02..2025-01 = A; A visited 2025-06 → 1/1. 2026-02: base adds B, B never back → 1/2.
    expect(out.at(-2)).toMatch(/2026-01\s+1\s+1\s+1$/);
    expect(out.at(-1)).toMatch(/2026-02\s+2\s+1\s+0\.5$/);
  });

  it('prints loyalty as CSV', async () => {
    out.length = 0;
    await run(['loyalty'], { location: 'RES', from: '2025-06', to: '2025-06', csv: true });
    expect(out.join('')).toMatch(
      /^location_id,month,active_customers,loyal_customers,loyalty_rate\r\n\d+,2025-06,2,1,0\.5\r\n$/,
    );
  });

  it('names a bad report, month or window', async () => {
    await expect(run(['nope'], { location: 'RES' })).rejects.toThrow(/name one report: retention, loyalty/);
    await expect(run(['cohorts'], { location: 'RES', from: '2025-13' })).rejects.toThrow(
      new UsageError('--from: "2025-13" is not a month (YYYY-MM)'),
    );
    await expect(run(['attribution'], { location: 'RES', 'window-days': '0' })).rejects.toThrow(
      /--window-days must be a number of days from 1 to 365/,
    );
  });
});
