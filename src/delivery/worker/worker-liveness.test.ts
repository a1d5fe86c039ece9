// A live worker keeps its claims even when its lease ran out (its renewal was late: a starved
// event loop, a loaded machine); once its process is gone, the rows come back at once. Before, a
// late renewal let another worker take the rows over and send them a second time. PostgreSQL only:
// embedded PGlite has one process, and the lease alone decides there.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeMessage } from '../../../test/helpers/delivery.ts';
import { claimMessages, releaseExpiredLeases } from './claim.ts';
import { holdWorkerLiveness } from './worker-liveness.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

describe.skipIf(!process.env.DATABASE_URL)('a worker holding its liveness lock', () => {
  it('keeps its expired claims while it lives and loses them when it is gone', async () => {
    const shop = await makeShop(t.db);
    for (let i = 0; i < 3; i++) {
      const c = await makeCustomer(t.db, shop);
      await makeMessage(t.db, shop, { customer_id: c.id, kind: 'THANK_YOU' });
    }
    const now = new Date();
    const alive = await holdWorkerLiveness(t.url!, 'worker-alive');
    const claimedByAlive = await claimMessages(t.db, {
      workerId: 'worker-alive',
      channels: ['email'],
      limit: 2,
      now,
    });
    // The third row's worker never took the lock (a process that is gone).
    await claimMessages(t.db, { workerId: 'worker-gone', channels: ['email'], limit: 1, now });
    expect(claimedByAlive).toHaveLength(2);
    // Both leases ran out long ago: no renewal came.
    await sql`UPDATE messages SET claimed_at = claimed_at - interval '1 hour'`.execute(t.db);
    const later = new Date(now.getTime() + 1_000);
    expect(await releaseExpiredLeases(t.db, { now: later, leaseMs: 60_000 })).toBe(1);
    const held = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM messages WHERE status = 'sending' AND claimed_by = 'worker-alive'`.execute(
      t.db,
    );
    expect(held.rows[0]!.n).toBe(2);
    await alive.close();
    expect(await releaseExpiredLeases(t.db, { now: later, leaseMs: 60_000 })).toBe(2);
  });
});

describe('a worker without the lock (PGlite, or a lock not yet taken)', () => {
  it('loses its claims when the lease runs out, as before', async () => {
    const shop = await makeShop(t.db);
    const c = await makeCustomer(t.db, shop);
    await makeMessage(t.db, shop, { customer_id: c.id, kind: 'THANK_YOU' });
    const now = new Date();
    const claimed = await claimMessages(t.db, { workerId: 'worker-x', channels: ['email'], limit: 10, now });
    expect(claimed.length).toBeGreaterThan(0);
    const later = new Date(now.getTime() + 120_000);
    expect(await releaseExpiredLeases(t.db, { now: later, leaseMs: 60_000 })).toBe(claimed.length);
  });
});
