// Rule gaps of issue 14 found by a new user: a no-show recorded late still goes within the
// staleness window and is recorded as skipped past it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../test/helpers/factories.ts';
import { allRulesOff, makeAppointment, outbox, runShopDays, setRule } from '../../test/helpers/engine.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

describe('NO_SHOW recorded after its due day', () => {
  it('within the stale window it still goes (due on its own day); past it, it is cancelled with reason stale; once', async () => {
    const shop = await makeShop(t.db, { staleness_days: 7 });
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'NO_SHOW', { email: 1 });
    const c = await makeCustomer(t.db, shop);
    // Toronto: 14:00 UTC is 10:00 local, same day.
    const late = await makeAppointment(t.db, shop, { customerId: c.id, startsAt: '2026-05-01T14:00:00Z' });
    const tooLate = await makeAppointment(t.db, shop, { customerId: c.id, startsAt: '2026-04-20T14:00:00Z' });
    await runShopDays(t.db, shop, ['2026-05-05']);
    expect(await outbox(t.db, shop, 'NO_SHOW')).toEqual([]);
    // Marked no-show only now, days after the due day (2026-05-02, 2026-04-21).
    await t.db
      .updateTable('appointments')
      .set({ status: 'no_show' })
      .where('org_id', '=', shop.orgId)
      .execute();
    await runShopDays(t.db, shop, ['2026-05-06', '2026-05-07']);
    const rows = await outbox(t.db, shop, 'NO_SHOW');
    expect(rows.map((m) => [m.appointment_id, m.due_on, m.status, m.reason])).toEqual([
      [late.id, '2026-05-02', 'pending', null],
      [tooLate.id, '2026-04-21', 'cancelled', 'stale'],
    ]);
  });

  it('an on-time no-show is sent on its day as before', async () => {
    const shop = await makeShop(t.db);
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'NO_SHOW', { email: 1 });
    const c = await makeCustomer(t.db, shop);
    await makeAppointment(t.db, shop, {
      customerId: c.id,
      startsAt: '2026-05-01T14:00:00Z',
      status: 'no_show' as never,
    });
    await runShopDays(t.db, shop, ['2026-05-01', '2026-05-02', '2026-05-03']);
    const rows = await outbox(t.db, shop, 'NO_SHOW');
    expect(rows.map((m) => [m.due_on, m.status])).toEqual([['2026-05-02', 'pending']]);
  });
});
