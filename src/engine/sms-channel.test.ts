// Texts in the daily run (issue 18): the channel is the first usable one in the kind's order at
// the location (email, text, postcard by default); a text needs texts on, a mobile number, consent
// for texts and no STOP from the number. Then the send worker texts it through the provider.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { testContext } from '../../test/helpers/delivery.ts';
import { allRulesOff, outbox, runShopDays, setRule } from '../../test/helpers/engine.ts';
import { startFakeSmsProvider, type FakeSmsProvider } from '../../test/helpers/fake-sms-provider.ts';
import { makeTextCustomer, makeTextShop } from '../../test/helpers/texts.ts';
import { runWorker } from '../delivery/worker/run-worker.ts';
import { recordTextStatus } from '../commands/record-text-status.ts';
import { ownerScope } from '../../test/helpers/texts.ts';

let t: TestDatabase;
let provider: FakeSmsProvider;
beforeAll(async () => {
  t = await createTestDatabase();
  provider = await startFakeSmsProvider();
});
afterAll(async () => {
  await provider.close();
  await t.close();
});

const D = '2026-05-10';
type Shop = { orgId: number; locationId: number };

async function birthdayTextShop() {
  const ctx = testContext(t);
  const shop = await makeTextShop(t.db, ctx.keys, provider);
  await allRulesOff(t.db, shop);
  await setRule(t.db, shop, 'V02', { email: 1, sms: 1 });
  return shop;
}

const birthdayCustomer = async (
  shop: Shop,
  opts: { email?: string | null; consent?: 'marketing' | 'service' | null } = {},
) => {
  const c = await makeTextCustomer(t.db, shop, {
    consent: opts.consent === undefined ? 'marketing' : opts.consent,
  });
  await t.db
    .updateTable('customers')
    .set({ birthday: '1980-05-10', ...(opts.email !== undefined ? { email: opts.email } : {}) })
    .where('org_id', '=', shop.orgId)
    .where('id', '=', c.id)
    .execute();
  return c;
};

const channels = async (shop: Shop) =>
  Object.fromEntries(
    (await outbox(t.db, shop, 'V02')).map((m) => [m.customer_id, [m.channel, m.status, m.reason]]),
  );

describe('texts in the daily run', () => {
  it('email first by default; a text for a customer without email; none without consent, after STOP, or with texts off for the kind', async () => {
    const shop = await birthdayTextShop();
    const both = await birthdayCustomer(shop);
    const textOnly = await birthdayCustomer(shop, { email: null });
    const noConsent = await birthdayCustomer(shop, { email: null, consent: null });
    // Birthday greetings are marketing: consent for service texts is not enough.
    const serviceConsent = await birthdayCustomer(shop, { email: null, consent: 'service' });
    const stopped = await birthdayCustomer(shop, { email: null });
    await t.db
      .insertInto('sms_opt_outs')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        phone: stopped.mobile_phone!,
        keyword: 'STOP',
        opted_out_at: new Date('2026-05-01T12:00:00Z'),
      })
      .execute();
    await runShopDays(t.db, shop, [D]);
    expect(await channels(shop)).toEqual({
      [both.id]: ['email', 'pending', null],
      [textOnly.id]: ['sms', 'pending', null],
      [noConsent.id]: ['none', 'held', 'no_email'],
      [serviceConsent.id]: ['none', 'held', 'no_email'],
      [stopped.id]: ['none', 'held', 'no_email'],
    });
  });

  it("the kind's channel order at the location: text first", async () => {
    const shop = await birthdayTextShop();
    await t.db
      .updateTable('message_rules')
      .set({ channel_rank: 1 })
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'V02')
      .where('channel', '=', 'sms')
      .execute();
    await t.db
      .updateTable('message_rules')
      .set({ channel_rank: 2 })
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'V02')
      .where('channel', '=', 'email')
      .execute();
    const both = await birthdayCustomer(shop);
    const emailOnly = await birthdayCustomer(shop, { consent: null });
    await runShopDays(t.db, shop, [D]);
    expect(await channels(shop)).toEqual({
      [both.id]: ['sms', 'pending', null],
      [emailOnly.id]: ['email', 'pending', null],
    });
  });

  it('a location with texts off, or a kind with its text rule at 0, decides no text', async () => {
    const off = await birthdayTextShop();
    await t.db.updateTable('locations').set({ sms_enabled: false }).where('org_id', '=', off.orgId).execute();
    const a = await birthdayCustomer(off, { email: null });
    await runShopDays(t.db, off, [D]);
    expect(await channels(off)).toEqual({ [a.id]: ['none', 'held', 'no_email'] });

    const zero = await birthdayTextShop();
    await setRule(t.db, zero, 'V02', { sms: 0 });
    const b = await birthdayCustomer(zero, { email: null });
    await runShopDays(t.db, zero, [D]);
    expect(await channels(zero)).toEqual({ [b.id]: ['none', 'held', 'no_email'] });
  });

  it('decided by the run, texted once by the send worker through the provider; a re-run adds nothing', async () => {
    const shop = await birthdayTextShop();
    const c = await birthdayCustomer(shop, { email: null });
    await runShopDays(t.db, shop, [D]);
    await runShopDays(t.db, shop, [D]);
    expect((await outbox(t.db, shop, 'V02')).length).toBe(1);
    // 11:00 in Toronto on the day.
    const ctx = testContext(t, {}, () => new Date(`${D}T15:00:00Z`));
    const before = provider.received.length;
    expect((await runWorker(ctx, { once: true })).sent).toBeGreaterThanOrEqual(1);
    const mine = provider.received.slice(before).filter((x) => x.to === c.mobile_phone);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toMatch(/^Garage Test: happy birthday, Marie! Reply STOP to opt out$/);
    expect((await outbox(t.db, shop, 'V02'))[0]).toMatchObject({
      channel: 'sms',
      status: 'sent',
      provider_id: mine[0]!.sid,
    });
  });

  it('a text the provider reports failed falls back to a postcard the same day, and later runs choose the postcard', async () => {
    const shop = await birthdayTextShop();
    await t.db
      .updateTable('locations')
      .set({ postcards_enabled: true })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', shop.locationId)
      .execute();
    await setRule(t.db, shop, 'V02', { postcard: 1 });
    const c = await birthdayCustomer(shop, { email: null });
    await t.db
      .updateTable('customers')
      .set({ address_line1: '5 rue Test', postal_code: 'H2X 1Y4', city: 'Montréal' })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', c.id)
      .execute();
    await runShopDays(t.db, shop, [D]);
    expect(await channels(shop)).toEqual({ [c.id]: ['sms', 'pending', null] });
    const ctx = testContext(t, {}, () => new Date(`${D}T15:00:00Z`));
    const before = provider.received.length;
    await runWorker(ctx, { once: true });
    const sent = provider.received.slice(before).find((x) => x.to === c.mobile_phone)!;
    const failed = await t.db
      .transaction()
      .execute((trx) =>
        recordTextStatus(
          trx,
          ownerScope(shop),
          { locationId: shop.locationId, providerSid: sent.sid, status: 'failed', errorCode: '30005' },
          new Date(`${D}T15:05:00Z`),
        ),
      );
    expect(failed).toMatchObject({ status: 'bounced', fallback: { channel: 'postcard' } });
    const rows = await outbox(t.db, shop, 'V02');
    expect(rows.map((m) => [m.channel, m.status, m.due_on, m.reason])).toEqual([
      ['sms', 'bounced', D, 'text failed (error 30005)'],
      ['postcard', 'pending', D, `after text ${failed.messageId} failed`],
    ]);
    // Next year's birthday: the number is not textable any more, the postcard is chosen.
    await runShopDays(t.db, shop, ['2027-05-10']);
    const next = (await outbox(t.db, shop, 'V02')).filter((m) => m.due_on === '2027-05-10');
    expect(next.map((m) => [m.channel, m.status])).toEqual([['postcard', 'pending']]);
  });
});
