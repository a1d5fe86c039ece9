// Service messages need no consent, but a customer who declined them on a channel (the portal's
// preferences per purpose and channel) gets none there: the daily run holds them (no_consent) and
// the send-time check cancels one decided before the customer declined.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../test/helpers/factories.ts';
import { allRulesOff, makeRepairOrder, outbox, runShopDays, setRule } from '../../test/helpers/engine.ts';
import { checkMessageStillValid } from './still-valid.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.close());

describe('service messages and the customer’s own preferences', () => {
  it('holds service on a channel the customer declined it on, and only there', async () => {
    const shop = await makeShop(t.db);
    await allRulesOff(t.db, shop);
    await setRule(t.db, shop, 'THANK_YOU', { email: 1 });
    const declined = await makeCustomer(t.db, shop);
    const declinedPostcards = await makeCustomer(t.db, shop);
    const declinedOffers = await makeCustomer(t.db, shop);
    const later = await makeCustomer(t.db, shop);
    for (const c of [declined, declinedPostcards, declinedOffers, later]) {
      const v = await makeVehicle(t.db, shop, c.id);
      await makeRepairOrder(t.db, shop, { customerId: c.id, vehicleId: v.id, closedOn: '2026-05-09' });
    }
    const row = (customer_id: number, channel: 'email' | 'postcard', purpose: 'service' | 'marketing') => ({
      org_id: shop.orgId,
      customer_id,
      channel,
      purpose,
      basis: 'none' as const,
      source: 'portal' as const,
      given_on: '2026-05-01',
      evidence: JSON.stringify({ form: 'portal_file' }),
    });
    await t.db
      .insertInto('customer_consents')
      .values([
        row(declined.id, 'email', 'service'),
        row(declinedPostcards.id, 'postcard', 'service'),
        row(declinedOffers.id, 'email', 'marketing'),
      ])
      .execute();
    await runShopDays(t.db, shop, ['2026-05-10']);
    const thanks = Object.fromEntries(
      (await outbox(t.db, shop, 'THANK_YOU')).map((m) => [m.customer_id, [m.channel, m.status, m.reason]]),
    );
    expect(thanks).toEqual({
      [declined.id]: ['none', 'held', 'no_consent'],
      [declinedPostcards.id]: ['email', 'pending', null],
      [declinedOffers.id]: ['email', 'pending', null],
      [later.id]: ['email', 'pending', null],
    });

    // Declined after the run decided: the send-time check cancels it.
    await t.db
      .insertInto('customer_consents')
      .values(row(later.id, 'email', 'service'))
      .execute();
    const pending = (await outbox(t.db, shop, 'THANK_YOU')).find((m) => m.customer_id === later.id)!;
    expect(await checkMessageStillValid(t.db, pending)).toEqual({ valid: false, reason: 'no_consent' });
    const other = (await outbox(t.db, shop, 'THANK_YOU')).find((m) => m.customer_id === declinedOffers.id)!;
    expect(await checkMessageStillValid(t.db, other)).toEqual({ valid: true, reason: null });
  });
});
