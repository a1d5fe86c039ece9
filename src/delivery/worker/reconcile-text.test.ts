// A worker dies mid-send after the provider accepted a text and before it recorded it (kill -9):
// once its lease expires, the next worker asks the provider (List Messages, the fake speaks it)
// and records what it finds instead of sending it again (sms/reconcile.ts). And the cases where it
// must send: the earlier attempt never arrived, the provider holds only other words, or the same
// words from before the attempt or already recorded for another text, or the lookup fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import { startFakeSmsProvider, type FakeSmsProvider } from '../../../test/helpers/fake-sms-provider.ts';
import { SHOP_NUMBER, makeTextCustomer, makeTextShop } from '../../../test/helpers/texts.ts';
import type { AppContext } from '../../context.ts';
import { STAFF_TEXT } from '../../domain/sms/staff-text.ts';
import { Secret } from '../../partners/secret.ts';
import { loadSendContext } from '../merge/load-send-context.ts';
import { listTextsTo, sendText } from '../sms/provider.ts';
import { loadTextBatch } from '../sms/text-batch.ts';
import { createTextSender, type TextSender } from '../sms/text-sender.ts';
import { claimMessages } from './claim.ts';
import { deliverText } from './deliver-text.ts';
import { DEFAULT_LEASE_MS, runWorker } from './run-worker.ts';
import { SentRecorder } from './sent-recorder.ts';
import { stillValidMany } from './still-valid.ts';

let t: TestDatabase;
let provider: FakeSmsProvider;
// 10:00 in Toronto: inside the default quiet hours. The provider's clock is the test's.
const DAYTIME = new Date('2026-12-04T15:00:00Z');
let providerNow = DAYTIME;
// Past the dead worker's lease: the next worker takes its rows back.
const LATER = new Date(DAYTIME.getTime() + DEFAULT_LEASE_MS + 1_000);

beforeAll(async () => {
  t = await createTestDatabase();
  provider = await startFakeSmsProvider({ now: () => providerNow });
});
afterAll(async () => {
  await provider.close();
  await t.close();
});

const ctxAt = (at: Date) => testContext(t, {}, () => at);
type Shop = { orgId: number; locationId: number };

/**
 * A worker that claims the shop's texts and dies in the middle of each send: after the provider
 * accepted it (`reached`) or before the POST left, never recording anything.
 */
async function dieMidSend(ctx: AppContext, shop: Shop, reached: boolean): Promise<string[]> {
  const batch = await claimMessages(t.db, {
    workerId: `dead-${Math.random()}`,
    channels: ['sms'],
    limit: 10,
    now: ctx.now(),
    locationId: { orgId: shop.orgId, id: shop.locationId },
  });
  const [sc, checks] = await Promise.all([loadSendContext(t.db, batch), stillValidMany(t.db, batch)]);
  const texts = await loadTextBatch(t.db, ctx.keys, ctx.config.publicUrl, batch, sc, ctx.now());
  const real = createTextSender(t.db, { production: false });
  const bodies: string[] = [];
  const posted: Array<Promise<void>> = [];
  const dying: TextSender = {
    send(where, p, text, record) {
      bodies.push(text.body);
      const post = reached ? real.send(where, p, text, record).then(() => undefined) : Promise.resolve();
      posted.push(post);
      // The process is gone: the answer is never read, nothing is recorded.
      return post.then(() => new Promise(() => undefined));
    },
  };
  const deps = {
    db: t.db,
    keys: ctx.keys,
    texts: dying,
    links: { publicUrl: ctx.config.publicUrl, keys: ctx.keys },
    now: ctx.now,
    recorder: new SentRecorder(t.db, ctx.now),
  };
  for (const [i, m] of batch.entries()) void deliverText(deps, m, sc, checks[i]!, texts);
  while (posted.length < batch.length) await new Promise((r) => setTimeout(r, 5));
  await Promise.all(posted);
  return bodies;
}

const row = (shop: Shop, id: number) =>
  t.db
    .selectFrom('messages')
    .selectAll()
    .where('org_id', '=', shop.orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const at = (to: string) => provider.received.filter((r) => r.to === to);
const lines = (shop: Shop, id: number) =>
  t.db
    .selectFrom('sms_conversation')
    .selectAll()
    .where('org_id', '=', shop.orgId)
    .where('message_id', '=', id)
    .execute();
const textMessage = (shop: Shop, customerId: number, values: { kind?: string; body?: string } = {}) =>
  makeMessage(t.db, shop, {
    kind: values.kind ?? 'THANK_YOU',
    channel: 'sms',
    customer_id: customerId,
    ...(values.body ? { payload: { body: values.body } as never } : {}),
    next_attempt_at: new Date(DAYTIME.getTime() - 60_000),
  });

describe('a text whose worker died mid-send', () => {
  it('accepted by the provider before the kill: found there after the lease, recorded with its SID, never sent twice', async () => {
    providerNow = DAYTIME;
    const shop = await makeTextShop(t.db, ctxAt(DAYTIME).keys, provider);
    const customer = await makeTextCustomer(t.db, shop);
    const m = await textMessage(shop, customer.id);
    const [body] = await dieMidSend(ctxAt(DAYTIME), shop, true);
    expect(at(customer.mobile_phone!)).toHaveLength(1);
    const first = at(customer.mobile_phone!)[0]!;
    expect(first.body).toBe(body);
    expect(await row(shop, m.id)).toMatchObject({ status: 'sending', provider_id: null });

    const lists = provider.lists();
    providerNow = LATER;
    const logs: string[] = [];
    const totals = await runWorker(ctxAt(LATER), { once: true, log: (l) => logs.push(l) });
    expect(totals.sent).toBe(1);
    expect(provider.lists()).toBe(lists + 1); // one lookup, for the one row in doubt
    expect(at(customer.mobile_phone!)).toHaveLength(1); // not sent again
    const sent = await row(shop, m.id);
    expect(sent).toMatchObject({ status: 'sent', provider_id: first.sid, attempts: 2 });
    expect(sent.unsure_since).toEqual(DAYTIME);
    // Its conversation line, with the SID the status callbacks name.
    expect(await lines(shop, m.id)).toMatchObject([
      { direction: 'out', body: first.body, provider_sid: first.sid, customer_id: customer.id },
    ]);
    expect(logs.filter((l) => l.includes('could not ask'))).toEqual([]);
  });

  it('never reached the provider: sent once after the lease; a text sent normally pays no lookup', async () => {
    providerNow = DAYTIME;
    const shop = await makeTextShop(t.db, ctxAt(DAYTIME).keys, provider);
    const customer = await makeTextCustomer(t.db, shop);
    const m = await textMessage(shop, customer.id);
    await dieMidSend(ctxAt(DAYTIME), shop, false);
    expect(at(customer.mobile_phone!)).toHaveLength(0);
    const other = await makeTextCustomer(t.db, shop);
    const normal = await textMessage(shop, other.id);

    const lists = provider.lists();
    providerNow = LATER;
    expect((await runWorker(ctxAt(LATER), { once: true })).sent).toBe(2);
    expect(provider.lists()).toBe(lists + 1);
    expect(at(customer.mobile_phone!)).toHaveLength(1);
    expect(await row(shop, m.id)).toMatchObject({
      status: 'sent',
      provider_id: at(customer.mobile_phone!)[0]!.sid,
    });
    expect(await row(shop, normal.id)).toMatchObject({ status: 'sent', unsure_since: null });
  });

  it('the provider holds only other words to the number: sent', async () => {
    providerNow = DAYTIME;
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const customer = await makeTextCustomer(t.db, shop);
    const m = await textMessage(shop, customer.id);
    const [body] = await dieMidSend(ctx, shop, false);
    // Another text to the same number from the same shop, after the attempt started.
    providerNow = new Date(DAYTIME.getTime() + 1_000);
    const settings = {
      apiBaseUrl: provider.url,
      accountSid: provider.accountSid,
      authToken: new Secret(provider.authToken),
      fromNumber: SHOP_NUMBER,
      messagingServiceSid: null,
    };
    await sendText(settings, {
      to: customer.mobile_phone!,
      body: `${body!.slice(0, -1)}!`,
      statusCallback: null,
    });

    providerNow = LATER;
    expect((await runWorker(ctxAt(LATER), { once: true })).sent).toBe(1);
    const texts = at(customer.mobile_phone!);
    expect(texts.map((x) => x.body)).toEqual([`${body!.slice(0, -1)}!`, body]);
    expect(await row(shop, m.id)).toMatchObject({ status: 'sent', provider_id: texts[1]!.sid });
  });

  it("the same words: from before the attempt, or already another outbox row's text, do not count", async () => {
    const ctx = ctxAt(DAYTIME);
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const customer = await makeTextCustomer(t.db, shop, { consent: 'service' });
    const to = customer.mobile_phone!;
    const settings = {
      apiBaseUrl: provider.url,
      accountSid: provider.accountSid,
      authToken: new Secret(provider.authToken),
      fromNumber: SHOP_NUMBER,
      messagingServiceSid: null,
    };
    // "On my way" went out an hour before (another text, no outbox row here).
    providerNow = new Date(DAYTIME.getTime() - 3_600_000);
    await sendText(settings, { to, body: 'On my way', statusCallback: null });
    // And a staff answer with the same words, sent and recorded normally since.
    providerNow = DAYTIME;
    const recorded = await textMessage(shop, customer.id, { kind: STAFF_TEXT, body: 'On my way' });
    expect((await runWorker(ctx, { once: true })).sent).toBe(1);
    const recordedSid = (await row(shop, recorded.id)).provider_id;
    expect(recordedSid).toMatch(/^SM/);
    // A third one's worker dies before its POST.
    const m = await textMessage(shop, customer.id, { kind: STAFF_TEXT, body: 'On my way' });
    await dieMidSend(ctx, shop, false);

    providerNow = LATER;
    expect((await runWorker(ctxAt(LATER), { once: true })).sent).toBe(1);
    const texts = at(to);
    expect(texts.map((x) => x.body)).toEqual(['On my way', 'On my way', 'On my way']);
    const sent = await row(shop, m.id);
    expect(sent).toMatchObject({ status: 'sent', provider_id: texts[2]!.sid });
    expect(new Set([recordedSid, sent.provider_id, texts[0]!.sid]).size).toBe(3);
  });

  it('the lookup fails (the list answers 503): sent again, a double rather than a loss, and logged', async () => {
    providerNow = DAYTIME;
    const shop = await makeTextShop(t.db, ctxAt(DAYTIME).keys, provider);
    const customer = await makeTextCustomer(t.db, shop);
    const m = await textMessage(shop, customer.id);
    await dieMidSend(ctxAt(DAYTIME), shop, true);
    provider.failNextLists(1, 503);
    providerNow = LATER;
    const logs: string[] = [];
    expect((await runWorker(ctxAt(LATER), { once: true, log: (l) => logs.push(l) })).sent).toBe(1);
    const texts = at(customer.mobile_phone!);
    expect(texts).toHaveLength(2);
    expect(texts[0]!.body).toBe(texts[1]!.body);
    expect(await row(shop, m.id)).toMatchObject({ status: 'sent', provider_id: texts[1]!.sid });
    expect(logs.some((l) => l.includes(`text ${shop.orgId}/${m.id}: could not ask the provider`))).toBe(true);
  });

  it('caught locally (no provider): the caught text is found, not caught twice', async () => {
    const shop = await makeTextShop(t.db, ctxAt(DAYTIME).keys, null);
    const customer = await makeTextCustomer(t.db, shop);
    const m = await textMessage(shop, customer.id);
    await dieMidSend(ctxAt(DAYTIME), shop, true);
    expect((await runWorker(ctxAt(LATER), { once: true })).sent).toBe(1);
    const caught = await t.db
      .selectFrom('caught_texts')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(caught).toHaveLength(1);
    expect(await row(shop, m.id)).toMatchObject({
      status: 'sent',
      provider_id: `caught-${shop.orgId}-${caught[0]!.id}`,
    });
  });
  // Last: its follow-on email stays pending (the other tests count what the worker sends).
  it('found at the provider already undelivered (its callback came while unrecorded): recorded, then it falls back as the callback would have', async () => {
    providerNow = DAYTIME;
    const shop = await makeTextShop(t.db, ctxAt(DAYTIME).keys, provider);
    const customer = await makeTextCustomer(t.db, shop);
    const m = await textMessage(shop, customer.id);
    await dieMidSend(ctxAt(DAYTIME), shop, true);
    const first = at(customer.mobile_phone!)[0]!;
    // The carrier could not deliver it; the callback found no recorded text and was dropped.
    first.status = 'undelivered';
    first.errorCode = '30003';
    providerNow = LATER;
    await runWorker(ctxAt(LATER), { once: true });
    expect(at(customer.mobile_phone!)).toHaveLength(1); // not sent again
    expect(await row(shop, m.id)).toMatchObject({
      status: 'bounced',
      provider_id: first.sid,
      provider_status: 'undelivered',
    });
    const followOns = await t.db
      .selectFrom('messages')
      .select(['channel', 'customer_id', 'dedupe_key'])
      .where('org_id', '=', shop.orgId)
      .where('dedupe_key', 'like', '%/after-sms')
      .execute();
    expect(followOns).toEqual([
      { channel: 'email', customer_id: customer.id, dedupe_key: `${m.dedupe_key}/after-sms` },
    ]);
  });
});

describe('the list of messages (the fake speaks the API)', () => {
  it('newest first, page by page through next_page_uri, down to `since`', async () => {
    const to = '+15145559876';
    const settings = {
      apiBaseUrl: provider.url,
      accountSid: provider.accountSid,
      authToken: new Secret(provider.authToken),
      fromNumber: SHOP_NUMBER,
      messagingServiceSid: null,
    };
    for (let i = 0; i < 5; i++) {
      providerNow = new Date(DAYTIME.getTime() + i * 60_000);
      await sendText(settings, { to, body: `text ${i}`, statusCallback: null });
    }
    const lists = provider.lists();
    const all = await listTextsTo(settings, to, new Date(0), { pageSize: 2 });
    expect(all.map((x) => x.body)).toEqual(['text 4', 'text 3', 'text 2', 'text 1', 'text 0']);
    expect(provider.lists() - lists).toBe(3);
    expect(all[0]).toMatchObject({ to, from: SHOP_NUMBER, status: 'queued', direction: 'outbound-api' });
    expect(all[0]!.createdAt).toEqual(new Date(DAYTIME.getTime() + 4 * 60_000));
    // Stops at the first page holding an older one.
    const recent = await listTextsTo(settings, to, new Date(DAYTIME.getTime() + 2 * 60_000), { pageSize: 2 });
    expect(recent.map((x) => x.body)).toEqual(['text 4', 'text 3', 'text 2']);
    // Wrong credentials: Twilio's 401 (20003), final.
    await expect(
      listTextsTo({ ...settings, authToken: new Secret('wrong') }, to, new Date(0)),
    ).rejects.toMatchObject({ code: '20003', final: true });
  });
});
