// Texts end to end: outbox rows (channel sms) → the send worker's claim → a local fake of a
// Twilio-compatible provider on loopback (real HTTP, Basic auth, form bodies) or the local catcher.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import { startFakeSmsProvider, type FakeSmsProvider } from '../../../test/helpers/fake-sms-provider.ts';
import { SHOP_NUMBER, makeTextCustomer, makeTextShop, ownerScope } from '../../../test/helpers/texts.ts';
import { sendStaffText } from '../../commands/texts/send-staff-text.ts';
import { countSegments } from '../../domain/sms/segments.ts';
import { Secret } from '../../partners/secret.ts';
import { createTextSender } from '../sms/text-sender.ts';
import { runWorker } from './run-worker.ts';

let t: TestDatabase;
let provider: FakeSmsProvider;
// 10:00 in Toronto: inside the default quiet hours.
const DAYTIME = new Date('2026-12-04T15:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  provider = await startFakeSmsProvider();
});
afterAll(async () => {
  await provider.close();
  await t.close();
});

const ctxAt = (at: Date) => testContext(t, {}, () => at);
const message = async (
  shop: { orgId: number; locationId: number },
  customerId: number,
  kind = 'THANK_YOU',
  language: 'en' | 'fr' | 'es' = 'en',
) =>
  makeMessage(t.db, shop, {
    kind,
    channel: 'sms',
    customer_id: customerId,
    language,
    next_attempt_at: new Date(DAYTIME.getTime() - 60_000),
  });
const row = (shop: { orgId: number }, id: number) =>
  t.db
    .selectFrom('messages')
    .selectAll()
    .where('org_id', '=', shop.orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('sending texts', () => {
  it('sends once through the provider: To, From, Body with the shop and a short link, StatusCallback; joins the conversation', async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const customer = await makeTextCustomer(t.db, shop, { first_name: 'Marie' });
    const m = await message(shop, customer.id);
    const before = provider.received.length;
    expect((await runWorker(ctx, { once: true })).sent).toBe(1);
    expect((await runWorker(ctx, { once: true })).sent).toBe(0);
    expect(provider.received.length - before).toBe(1);
    const text = provider.received[before]!;
    expect(text.to).toBe(customer.mobile_phone);
    expect(text.from).toBe(SHOP_NUMBER);
    expect(text.body).toMatch(
      /^Garage Test: thank you for your visit, Marie! Your account: http:\/\/relance\.test\/t\/\d+\/[\w-]{8} Reply STOP to opt out$/,
    );
    expect(countSegments(text.body)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(text.statusCallback).toBe(`http://relance.test/hooks/sms/${shop.orgId}/${shop.locationId}/status`);
    const sent = await row(shop, m.id);
    expect(sent).toMatchObject({ status: 'sent', provider_id: text.sid, attempts: 1 });
    const thread = await t.db
      .selectFrom('sms_conversation')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(thread).toMatchObject([
      {
        direction: 'out',
        customer_id: customer.id,
        body: text.body,
        provider_sid: text.sid,
        message_id: m.id,
      },
    ]);
    // The short link leads to this customer.
    const code = text.body.split('/t/')[1]!.split(' ')[0]!.split('/')[1]!;
    const link = await t.db
      .selectFrom('sms_links')
      .selectAll()
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(link).toMatchObject({ org_id: shop.orgId, customer_id: customer.id, message_id: m.id });
    // The auth token is stored encrypted.
    const settings = await t.db
      .selectFrom('sms_settings')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .executeTakeFirstOrThrow();
    expect(settings.auth_token_ciphertext).not.toContain(provider.authToken);
    expect(settings.auth_token_ciphertext).toMatch(/^v1:/);
  });

  it('in French, an accent outside GSM-7 in the name makes it UCS-2', async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const customer = await makeTextCustomer(t.db, shop, { language: 'fr', first_name: 'Gaëlle' });
    await message(shop, customer.id, 'THANK_YOU', 'fr');
    const before = provider.received.length;
    expect((await runWorker(ctx, { once: true })).sent).toBe(1);
    const text = provider.received[before]!;
    expect(text.body).toContain('merci de votre visite, Gaëlle !');
    expect(text.body).toContain('ARRET pour ne plus recevoir');
    expect(countSegments(text.body).encoding).toBe('UCS-2');
  });

  it('quiet hours: at 21:00 local nothing goes; the text waits until 9:00, its attempt not counted', async () => {
    const evening = new Date('2026-12-05T02:00:00Z'); // 21:00 in Toronto on the 4th
    const ctx = ctxAt(evening);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const customer = await makeTextCustomer(t.db, shop);
    const m = await makeMessage(t.db, shop, {
      kind: 'THANK_YOU',
      channel: 'sms',
      customer_id: customer.id,
      next_attempt_at: new Date(evening.getTime() - 1000),
    });
    const before = provider.received.length;
    await runWorker(ctx, { once: true });
    expect(provider.received.length).toBe(before);
    const waiting = await row(shop, m.id);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 0 });
    expect(waiting.next_attempt_at).toEqual(new Date('2026-12-05T14:00:00Z'));
    // At 9:00 it goes.
    expect((await runWorker(ctxAt(new Date('2026-12-05T14:00:05Z')), { once: true })).sent).toBe(1);
    expect(provider.received.length).toBe(before + 1);
  });

  it('holds without consent for texts, cancels for a number that texted STOP, fails without a mobile number', async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const noConsent = await makeTextCustomer(t.db, shop, { consent: null });
    const serviceOnly = await makeTextCustomer(t.db, shop, { consent: 'service' });
    const stopped = await makeTextCustomer(t.db, shop);
    await t.db
      .insertInto('sms_opt_outs')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        phone: stopped.mobile_phone!,
        keyword: 'STOP',
        opted_out_at: DAYTIME,
      })
      .execute();
    const noMobile = await makeTextCustomer(t.db, shop);
    await t.db.updateTable('customers').set({ mobile_phone: null }).where('id', '=', noMobile.id).execute();
    const a = await message(shop, noConsent.id);
    const b = await message(shop, serviceOnly.id, 'INACTIVE'); // marketing: needs express consent for marketing texts
    const c = await message(shop, serviceOnly.id, 'THANK_YOU'); // service: consent for service texts is enough
    const d = await message(shop, stopped.id);
    const e = await message(shop, noMobile.id);
    const before = provider.received.length;
    await runWorker(ctx, { once: true });
    expect(provider.received.length - before).toBe(1);
    expect(await row(shop, a.id)).toMatchObject({ status: 'held', reason: 'no_text_consent' });
    expect(await row(shop, b.id)).toMatchObject({ status: 'held', reason: 'no_text_consent' });
    expect(await row(shop, c.id)).toMatchObject({ status: 'sent' });
    expect(await row(shop, d.id)).toMatchObject({ status: 'cancelled', reason: 'the number texted STOP' });
    expect(await row(shop, e.id)).toMatchObject({ status: 'failed', reason: 'no mobile number' });
  });

  it('a provider outage (503) is retried later; a refused number (400) fails at once', async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const customer = await makeTextCustomer(t.db, shop);
    const m = await message(shop, customer.id);
    provider.failNext(1, 503);
    expect((await runWorker(ctx, { once: true })).retry).toBe(1);
    const retried = await row(shop, m.id);
    expect(retried).toMatchObject({ status: 'pending', attempts: 1 });
    expect(retried.next_attempt_at.getTime()).toBeGreaterThan(DAYTIME.getTime());
    expect(retried.reason).toMatch(/503/);

    const bad = await makeTextCustomer(t.db, shop);
    await t.db.updateTable('customers').set({ mobile_phone: '514-555' }).where('id', '=', bad.id).execute();
    const n = await message(shop, bad.id);
    await runWorker(ctx, { once: true });
    expect(await row(shop, n.id)).toMatchObject({ status: 'failed' });
    expect((await row(shop, n.id)).reason).toMatch(/400 \(21211\)/);
  });

  it('a number the provider refuses at send time (21211) falls back once, the same day, and is texted no more', async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const customer = await makeTextCustomer(t.db, shop);
    const m = await message(shop, customer.id);
    provider.failNext(1, 400, 21211);
    await runWorker(ctx, { once: true });
    expect(await row(shop, m.id)).toMatchObject({ status: 'failed' });
    expect((await row(shop, m.id)).reason).toMatch(/400 \(21211\)/);
    const followOns = () =>
      t.db
        .selectFrom('messages')
        .select(['kind', 'channel', 'reason', 'recipient_email', 'due_on', 'customer_id', 'dedupe_key'])
        .where('org_id', '=', shop.orgId)
        .where('dedupe_key', 'like', '%/after-sms')
        .execute();
    expect(await followOns()).toEqual([
      {
        kind: 'THANK_YOU',
        channel: 'email',
        reason: `after text ${m.id} refused (error 21211)`,
        recipient_email: customer.email,
        due_on: m.due_on,
        customer_id: customer.id,
        dedupe_key: `${m.dedupe_key}/after-sms`,
      },
    ]);
    expect(
      await t.db
        .selectFrom('sms_opt_outs')
        .select(['phone', 'keyword'])
        .where('org_id', '=', shop.orgId)
        .execute(),
    ).toEqual([{ phone: customer.mobile_phone, keyword: 'undeliverable' }]);
    // Run again: the follow-on email goes, nothing more is decided, no text to the number.
    const count = provider.received.length;
    await runWorker(ctx, { once: true });
    expect(await followOns()).toHaveLength(1);
    expect(provider.received.slice(count).filter((x) => x.to === customer.mobile_phone)).toEqual([]);
  });

  it('without a usable email, a refused number falls back to a postcard when the kind has postcards on', async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    await t.db
      .updateTable('locations')
      .set({ postcards_enabled: true })
      .where('org_id', '=', shop.orgId)
      .execute();
    await t.db
      .updateTable('message_rules')
      .set({ days: 1 })
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'THANK_YOU')
      .where('channel', '=', 'postcard')
      .execute();
    const customer = await makeTextCustomer(t.db, shop);
    await t.db
      .updateTable('customers')
      .set({ email: null, address_line1: '12 rue Principale', postal_code: 'H2X 1Y4' })
      .where('id', '=', customer.id)
      .execute();
    const m = await message(shop, customer.id);
    provider.failNext(1, 400, 21614);
    await runWorker(ctx, { once: true });
    const followOns = await t.db
      .selectFrom('messages')
      .select(['channel', 'status', 'due_on', 'reason'])
      .where('org_id', '=', shop.orgId)
      .where('dedupe_key', '=', `${m.dedupe_key}/after-sms`)
      .execute();
    expect(followOns).toEqual([
      {
        channel: 'postcard',
        status: 'pending',
        due_on: m.due_on,
        reason: `after text ${m.id} refused (error 21614)`,
      },
    ]);
  });

  it('a refusal that is not about the number (20003, credentials) fails without falling back', async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const customer = await makeTextCustomer(t.db, shop);
    const m = await message(shop, customer.id);
    provider.failNext(1, 401, 20003);
    await runWorker(ctx, { once: true });
    expect(await row(shop, m.id)).toMatchObject({ status: 'failed' });
    const others = await t.db
      .selectFrom('messages')
      .select('id')
      .where('org_id', '=', shop.orgId)
      .where('dedupe_key', 'like', '%/after-sms')
      .execute();
    expect(others).toEqual([]);
  });

  it('a review request texts the location’s review link, the same in every language', async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const link = 'https://g.page/r/garage-test/review';
    await t.db.updateTable('locations').set({ review_link: link }).where('org_id', '=', shop.orgId).execute();
    const bodies: string[] = [];
    for (const language of ['en', 'fr', 'es'] as const) {
      const customer = await makeTextCustomer(t.db, shop, { language, consent: 'service' });
      await message(shop, customer.id, 'REVIEW', language);
      const count = provider.received.length;
      await runWorker(ctx, { once: true });
      const sent = provider.received.slice(count).filter((x) => x.to === customer.mobile_phone);
      expect(sent).toHaveLength(1);
      bodies.push(sent[0]!.body);
    }
    for (const body of bodies) expect(body).toContain(` ${link} `);
    expect(bodies[1]).toMatch(/ARRET/);
    expect(bodies[2]).toMatch(/ALTO/);
    for (const body of bodies) expect(countSegments(body).encoding).toBe('GSM-7');
  });

  it('with no provider set, the local catcher keeps the text with its encoding and segments', async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, null);
    const customer = await makeTextCustomer(t.db, shop);
    const m = await message(shop, customer.id);
    const before = provider.received.length;
    expect((await runWorker(ctx, { once: true })).sent).toBe(1);
    expect(provider.received.length).toBe(before);
    const caught = await t.db
      .selectFrom('caught_texts')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(caught).toMatchObject([
      {
        location_id: shop.locationId,
        message_id: m.id,
        to_number: customer.mobile_phone,
        encoding: 'GSM-7',
        segments: 1,
      },
    ]);
    expect(caught[0]!.body).toMatch(/^Garage Test: thank you/);
    expect(await row(shop, m.id)).toMatchObject({
      status: 'sent',
      provider_id: `caught-${shop.orgId}-${caught[0]!.id}`,
    });
  });

  it('a location with texts switched off sends none', async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    await t.db
      .updateTable('locations')
      .set({ sms_enabled: false })
      .where('org_id', '=', shop.orgId)
      .execute();
    const customer = await makeTextCustomer(t.db, shop);
    const m = await message(shop, customer.id);
    await runWorker(ctx, { once: true });
    expect(await row(shop, m.id)).toMatchObject({
      status: 'cancelled',
      reason: 'texts are switched off for this location',
    });
  });
});

describe.skipIf(!process.env.DATABASE_URL)('the HTTP thread recording "sent" itself (PostgreSQL)', () => {
  it('records "sent" and the conversation line once, a staff answer only getting its provider id', async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const customer = await makeTextCustomer(t.db, shop, { first_name: 'Léa' });
    const m = await message(shop, customer.id);
    const staff = await t.db
      .transaction()
      .execute((trx) =>
        sendStaffText(
          trx,
          ownerScope(shop),
          { locationId: shop.locationId, customerId: customer.id, body: 'Your car is ready.' },
          new Date(DAYTIME.getTime() - 60_000),
        ),
      );
    const before = provider.received.length;
    const totals = await runWorker(ctx, { once: true, recordUrl: t.url });
    expect(totals.sent).toBe(2);
    expect((await runWorker(ctx, { once: true, recordUrl: t.url })).sent).toBe(0);
    const received = provider.received.slice(before);
    expect(received).toHaveLength(2);
    const lines = await t.db
      .selectFrom('sms_conversation')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('direction', '=', 'out')
      .orderBy('id')
      .execute();
    expect(lines).toHaveLength(2);
    for (const id of [m.id, staff.message_id!]) {
      const r = await row(shop, id);
      const text = received.find((x) => x.sid === r.provider_id)!;
      expect(r).toMatchObject({ status: 'sent', attempts: 1 });
      expect(lines.filter((l) => l.message_id === id)).toMatchObject([
        { body: text.body, provider_sid: text.sid },
      ]);
    }
  });

  it('answers recorded only once committed, and leaves a row no longer sending alone', async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const customer = await makeTextCustomer(t.db, shop);
    const sending = await makeMessage(t.db, shop, {
      channel: 'sms',
      customer_id: customer.id,
      status: 'sending',
    });
    const taken = await makeMessage(t.db, shop, {
      channel: 'sms',
      customer_id: customer.id,
      status: 'failed',
    });
    const texts = createTextSender(t.db, { production: false, thread: true, recordUrl: t.url });
    const settings = {
      apiBaseUrl: provider.url,
      accountSid: provider.accountSid,
      authToken: new Secret(provider.authToken),
      fromNumber: SHOP_NUMBER,
      messagingServiceSid: null,
    };
    const where = { orgId: shop.orgId, locationId: shop.locationId, messageId: null };
    const send = (id: number) =>
      texts.send(
        where,
        settings,
        { to: customer.mobile_phone!, body: `hello ${id}`, statusCallback: null },
        {
          orgId: shop.orgId,
          id,
          locationId: shop.locationId,
          customerId: customer.id,
          phone: customer.mobile_phone!,
          body: `hello ${id}`,
        },
      );
    try {
      const [a, b] = await Promise.all([send(sending.id), send(taken.id)]);
      expect(await a.committed).toBe(true);
      expect(await row(shop, sending.id)).toMatchObject({ status: 'sent', provider_id: a.sid });
      // Not in sending (taken over, or settled): its status is left alone; the text did go out.
      expect(await b.committed).toBe(true);
      expect(await row(shop, taken.id)).toMatchObject({ status: 'failed', provider_id: null });
    } finally {
      texts.close?.();
    }
  });
});
