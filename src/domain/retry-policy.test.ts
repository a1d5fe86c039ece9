import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { EXPORT_RETRY, givenUp, retryWaitMs, retryWaitSql, SEND_RETRY } from './retry-policy.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe('the one retry rule', () => {
  it('doubles from the first wait up to the cap, jitter within its share', () => {
    const mid = (n: number) => retryWaitMs(SEND_RETRY, n, 0.5) / 1000;
    expect([1, 2, 3, 4, 5].map(mid)).toEqual([30, 60, 120, 240, 480]);
    expect(mid(20)).toBe(6 * 3600);
    expect(retryWaitMs(SEND_RETRY, 1, 0)).toBe(24_000);
    expect(retryWaitMs(SEND_RETRY, 1, 1)).toBe(36_000);
    expect([1, 2, 3, 4, 5].map((n) => retryWaitMs(EXPORT_RETRY, n, 0.9) / 60_000)).toEqual([
      5, 10, 20, 40, 80,
    ]);
    expect([givenUp(EXPORT_RETRY, 5), givenUp(EXPORT_RETRY, 6), givenUp(SEND_RETRY, 8)]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('the SQL form waits exactly what the code waits, past the cap too', async () => {
    for (const policy of [EXPORT_RETRY, { ...SEND_RETRY, jitter: 0 }]) {
      const { rows } = await sql<{ n: number; ms: number }>`
        SELECT n, (extract(epoch FROM ${sql.raw(retryWaitSql(policy, 'n'))}) * 1000)::float8 AS ms
        FROM generate_series(1, 12) n ORDER BY n`.execute(t.db);
      expect(rows.map((r) => Math.round(Number(r.ms)))).toEqual(rows.map((r) => retryWaitMs(policy, r.n)));
    }
  });
});
