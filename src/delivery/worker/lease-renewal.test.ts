// A worker draining a claim slower than its lease keeps its claims (claim.ts, renewLeases): before,
// its own lease ran out on the rows still queued, its next refill released and claimed them again,
// and they went out twice. A slow SMTP server and a short lease make that happen on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeMessage, startSmtpSink, testContext, type SmtpSink } from '../../../test/helpers/delivery.ts';
import { runWorker } from './run-worker.ts';

let t: TestDatabase;
let sink: SmtpSink;
beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startSmtpSink({ delayMs: 60 });
});
afterAll(async () => {
  await sink.close();
  await t.close();
});

describe('a worker slower than its lease', () => {
  it('sends each message once: its claims are renewed while it lives', { timeout: 60_000 }, async () => {
    const shop = await makeShop(t.db);
    const N = 24;
    for (let i = 0; i < N; i++) {
      const c = await makeCustomer(t.db, shop);
      await makeMessage(t.db, shop, { customer_id: c.id, kind: 'THANK_YOU' });
    }
    const ctx = testContext(t, { SMTP_URL: sink.url, SMTP_POOL_SIZE: '1' });
    // One claim of all 24, sent one at a time at ≥ 60 ms each: ≥ 1.4 s against a 400 ms lease.
    const started = performance.now();
    const totals = await runWorker(ctx, { once: true, concurrency: 1, batchSize: N, leaseMs: 400 });
    expect(performance.now() - started).toBeGreaterThan(1_000);
    const ids = sink.received.map((m) => m.messageId);
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);
    expect(totals.sent).toBe(N);
  });
});
