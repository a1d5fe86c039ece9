// The control group: a kind's share held back with reason control_group, within a stated
// tolerance, the same messages on a re-run, never a staff message nor one already held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeShop } from '../../test/helpers/factories.ts';
import { allRulesOff, outbox, runShopDays, setRule } from '../../test/helpers/engine.ts';
import { execSql } from './sql/exec.ts';

let t: TestDatabase;
let shop: Awaited<ReturnType<typeof makeShop>>;
const N = 2000;
const DAY = '2026-05-12';

beforeAll(async () => {
  t = await createTestDatabase();
  shop = await makeShop(t.db);
  await allRulesOff(t.db, shop);
  await setRule(t.db, shop, 'THANK_YOU', { email: 1 });
  // N customers, each with a visit closed the day before; every 10th without consent (held anyway).
  await execSql(
    t.db,
    `WITH c AS (
       INSERT INTO customers (org_id, location_id, customer_number, mailing_name, email, consent_basis, consent_date)
       SELECT $1, $2, 'CG' || g, 'Customer ' || g, 'cg' || g || '@example.test',
              CASE WHEN g % 10 = 0 THEN 'none' ELSE 'express' END, '2024-01-01'
       FROM generate_series(1, $3::int) g RETURNING id)
     INSERT INTO repair_orders (org_id, location_id, ro_number, customer_id, opened_on, closed_on, status)
     SELECT $1, $2, 'CG-RO' || id, id, $4::date - 1, $4::date - 1, 'closed' FROM c`,
    [shop.orgId, shop.locationId, N, DAY],
  );
});
afterAll(() => t.close());

const heldForControl = async () =>
  (await outbox(t.db, shop, 'THANK_YOU'))
    .filter((m) => m.reason === 'control_group')
    .map((m) => m.dedupe_key)
    .sort();

describe('control group', () => {
  it('is off by default', async () => {
    await runShopDays(t.db, shop, [DAY]);
    expect(await heldForControl()).toEqual([]);
    await execSql(t.db, 'DELETE FROM messages WHERE org_id = $1', [shop.orgId]);
  });

  it('holds back the share within ±3 points, only messages that would have gone out, the same ones on a re-run', async () => {
    await t.db
      .insertInto('control_groups')
      .values({ org_id: shop.orgId, location_id: shop.locationId, kind: 'THANK_YOU', share: 0.2 })
      .execute();
    await runShopDays(t.db, shop, [DAY]);
    const all = await outbox(t.db, shop, 'THANK_YOU');
    expect(all).toHaveLength(N);
    // Messages held for another reason (the consent rules decide which) are never in the group.
    const heldOtherwise = all.filter((m) => m.status === 'held' && m.reason !== 'control_group');
    const eligible = N - heldOtherwise.length;
    expect(eligible).toBeGreaterThan(1500);
    const held = await heldForControl();
    // At least 1,500 eligible messages at 20%: ±3 points is over 3 standard deviations.
    expect(Math.abs(held.length / eligible - 0.2)).toBeLessThan(0.03);
    expect(all.filter((m) => m.status === 'pending')).toHaveLength(eligible - held.length);
    // A re-run adds nothing; decided again from scratch, the same messages are held back.
    expect((await runShopDays(t.db, shop, [DAY]))[0]!.inserted).toBe(0);
    await execSql(t.db, 'DELETE FROM messages WHERE org_id = $1', [shop.orgId]);
    await runShopDays(t.db, shop, [DAY]);
    expect(await heldForControl()).toEqual(held);
  });
});
