// Several workers' catch-up ticks share a day's locations (issue 19): each claims the locations no
// other run holds, leaves the others to it (not deciding them, not moving their cursor), and every
// location's day is decided exactly once.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';

type Shop = Awaited<ReturnType<typeof makeShop>>;
import { allRulesOff, outbox, setRule } from '../../test/helpers/engine.ts';
import { catchUp } from './catch-up.ts';
import { LOCK_CLASS } from './run-day.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

const DAY = '2026-05-10';
const NOW = new Date('2026-05-10T16:00:00Z'); // past every shop's run hour that day

/** A shop with one V01 due on DAY, its catch-up history starting the day before. */
async function shopDueToday(): Promise<Shop> {
  const shop = await makeShop(t.db);
  await allRulesOff(t.db, shop);
  await setRule(t.db, shop, 'V01', { email: 1 });
  const c = await makeCustomer(t.db, shop);
  await makeVehicle(t.db, shop, c.id, { captured_on: DAY });
  await t.db
    .insertInto('engine_location_state')
    .values({ org_id: shop.orgId, location_id: shop.locationId, caught_up_to: '2026-05-09' })
    .execute();
  return shop;
}

const cursor = async (shop: Shop) =>
  (
    await t.db
      .selectFrom('engine_location_state')
      .select('caught_up_to')
      .where('org_id', '=', shop.orgId)
      .where('location_id', '=', shop.locationId)
      .executeTakeFirstOrThrow()
  ).caught_up_to;

describe('catch-up ticks from several workers', () => {
  it('two ticks at once, in batches, decide each location’s day once', async () => {
    const shops: Shop[] = [];
    for (let i = 0; i < 7; i++) shops.push(await shopDueToday());
    const results = await Promise.all([
      catchUp(t.db, NOW, { batch: 2 }),
      catchUp(t.db, NOW, { batch: 2 }),
      catchUp(t.db, NOW, { batch: 3 }),
    ]);
    const decided = results.flatMap((r) => r.ran.flatMap((x) => x.decided));
    expect(decided).toHaveLength(7);
    expect(new Set(decided.map((d) => d.locationId))).toEqual(new Set(shops.map((s) => s.locationId)));
    for (const shop of shops) {
      expect(await outbox(t.db, shop, 'V01')).toHaveLength(1);
      expect(await cursor(shop)).toBe(DAY);
    }
    const runs = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM engine_runs WHERE run_on = ${DAY}::date AND status = 'done'`.execute(
      t.db,
    );
    expect(runs.rows[0]!.n).toBe(7);
  });

  // Needs a second session holding the lock while the tick runs: PostgreSQL only (PGlite is one).
  it.skipIf(!process.env.DATABASE_URL)(
    'leaves a location another run holds to it, without moving its cursor; the next tick decides it',
    async () => {
      const held = await shopDueToday();
      const free = await shopDueToday();
      await t.db.transaction().execute(async (trx) => {
        await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${held.orgId}/${held.locationId}/${DAY}`}, ${LOCK_CLASS}))`.execute(
          trx,
        );
        const tick = await catchUp(t.db, NOW);
        const decided = tick.ran.flatMap((r) => r.decided.map((d) => d.locationId));
        expect(decided).toContain(free.locationId);
        expect(decided).not.toContain(held.locationId);
      });
      expect(await cursor(free)).toBe(DAY);
      expect(await cursor(held)).toBe('2026-05-09');
      expect(await outbox(t.db, held, 'V01')).toHaveLength(0);
      const next = await catchUp(t.db, NOW);
      expect(next.ran.flatMap((r) => r.decided.map((d) => d.locationId))).toEqual([held.locationId]);
      expect(await cursor(held)).toBe(DAY);
      expect(await outbox(t.db, held, 'V01')).toHaveLength(1);
      expect(await outbox(t.db, free, 'V01')).toHaveLength(1);
    },
  );
});
