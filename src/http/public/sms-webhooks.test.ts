// The provider's webhooks against the local fake provider's signed requests: keywords (STOP and
// its equivalents, START, HELP, C), replies kept per customer, status callbacks, and the signature
// as the only way in.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import { makeAppointment } from '../../../test/helpers/engine.ts';
import {
  inboundText,
  startFakeSmsProvider,
  type FakeSmsProvider,
} from '../../../test/helpers/fake-sms-provider.ts';
import { SHOP_NUMBER, makeTextCustomer, makeTextShop, ownerScope } from '../../../test/helpers/texts.ts';
import { makeStaff, signIn } from '../../../test/helpers/api.ts';
import { recordConsent } from '../../commands/record-consent.ts';
import type { AppContext } from '../../context.ts';
import { runWorker } from '../../delivery/worker/run-worker.ts';
import { buildApp } from '../app.ts';

let t: TestDatabase;
let provider: FakeSmsProvider;
let ctx: AppContext;
let app: FastifyInstance;
// 10:00 in Toronto.
const NOW = new Date('2026-12-04T15:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase();
  provider = await startFakeSmsProvider();
  ctx = testContext(t, {}, () => NOW);
  app = await buildApp(ctx);
});
afterAll(async () => {
  await app.close();
  await provider.close();
  await t.close();
});

type Shop = { orgId: number; locationId: number };
const hook = (shop: Shop, what: 'inbound' | 'status') =>
  `http://relance.test/hooks/sms/${shop.orgId}/${shop.locationId}/${what}`;

/** Delivers a request the fake provider built to the app, as the provider would over HTTP. */
async function deliver(url: string, init: RequestInit) {
  const res = await app.inject({
    method: 'POST',
    url: new URL(url).pathname,
    headers: init.headers as Record<string, string>,
    payload: init.body as string,
  });
  return { status: res.statusCode, body: res.body };
}

async function text(
  shop: Shop,
  from: string,
  body: string,
  signer: { accountSid: string; authToken: string } = provider,
) {
  const init = inboundText(signer, hook(shop, 'inbound'), { from, to: SHOP_NUMBER, body });
  return deliver(hook(shop, 'inbound'), init);
}

const reply = (xml: string) => /<Message>([^<]*)<\/Message>/.exec(xml)?.[1] ?? null;
const smsMessage = (shop: Shop, customerId: number, kind = 'THANK_YOU') =>
  makeMessage(t.db, shop, {
    kind,
    channel: 'sms',
    customer_id: customerId,
    next_attempt_at: new Date(NOW.getTime() - 1000),
  });
const statusOf = async (shop: Shop, id: number) =>
  await t.db
    .selectFrom('messages')
    .select(['status', 'reason', 'provider_status'])
    .where('org_id', '=', shop.orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const consents = (shop: Shop, customerId: number) =>
  t.db
    .selectFrom('customer_consents')
    .select(['purpose', 'basis', 'source'])
    .where('org_id', '=', shop.orgId)
    .where('customer_id', '=', customerId)
    .where('channel', '=', 'text')
    .orderBy('purpose')
    .execute();

describe('texts in', () => {
  it('STOP stops at once with one confirmation; texts are not sent; START resumes', async () => {
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const c = await makeTextCustomer(t.db, shop);
    const pending = await smsMessage(shop, c.id);
    const stop = await text(shop, c.mobile_phone!, ' Stop ');
    expect(stop.status).toBe(200);
    expect(reply(stop.body)).toBe(
      'Garage Test: you will receive no more texts from us. Reply START to resume.',
    );
    expect(await statusOf(shop, pending.id)).toMatchObject({
      status: 'cancelled',
      reason: 'the number texted STOP',
    });
    expect(await consents(shop, c.id)).toEqual([
      { purpose: 'marketing', basis: 'none', source: 'sms_keyword' },
      { purpose: 'service', basis: 'none', source: 'sms_keyword' },
    ]);
    // One confirmation only.
    const again = await text(shop, c.mobile_phone!, 'UNSUBSCRIBE');
    expect(reply(again.body)).toBeNull();
    expect(again.body).toContain('<Response></Response>');
    // A text decided later is not sent.
    const later = await smsMessage(shop, c.id);
    const before = provider.received.length;
    await runWorker(ctx, { once: true });
    expect(provider.received.length).toBe(before);
    expect((await statusOf(shop, later.id)).status).not.toBe('sent');

    const start = await text(shop, c.mobile_phone!, 'start');
    expect(reply(start.body)).toBe('Garage Test: texts resumed. Reply STOP to opt out.');
    expect(await consents(shop, c.id)).toEqual([
      { purpose: 'marketing', basis: 'express', source: 'sms_keyword' },
      { purpose: 'service', basis: 'express', source: 'sms_keyword' },
    ]);
    const resumed = await smsMessage(shop, c.id);
    await runWorker(ctx, { once: true });
    expect((await statusOf(shop, resumed.id)).status).toBe('sent');
    const history = await t.db
      .selectFrom('customer_consent_history')
      .select(['basis', 'previous_basis'])
      .where('org_id', '=', shop.orgId)
      .where('customer_id', '=', c.id)
      .where('purpose', '=', 'marketing')
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.basis)).toEqual(['express', 'none', 'none', 'express']);
  });

  it("START records consent through the one consent rule: it leaves the customer's own email Do Not Mail; after STOP only express consent puts texts back", async () => {
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const c = await makeTextCustomer(t.db, shop);
    await t.db
      .updateTable('customers')
      .set({ do_not_mail: true, do_not_mail_source: 'unsubscribe_link', do_not_mail_at: NOW })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', c.id)
      .execute();
    // A customer who texted STOP (and never unsubscribed from mail): staff cannot put texts back.
    const d = await makeTextCustomer(t.db, shop);
    await text(shop, d.mobile_phone!, 'STOP');
    const staffImplied = t.db.transaction().execute((trx) =>
      recordConsent(
        trx,
        ownerScope(shop),
        {
          customerId: d.id,
          channel: 'text',
          purpose: 'service',
          basis: 'implied_purchase',
          evidence: { text: 'bought tires' },
          source: 'staff',
        },
        () => NOW,
      ),
    );
    await expect(staffImplied).rejects.toMatchObject({ status: 409, code: 'customer_opted_out' });
    await text(shop, c.mobile_phone!, 'STOP');
    await text(shop, c.mobile_phone!, 'START');
    expect(await consents(shop, c.id)).toEqual([
      { purpose: 'marketing', basis: 'express', source: 'sms_keyword' },
      { purpose: 'service', basis: 'express', source: 'sms_keyword' },
    ]);
    const after = await t.db
      .selectFrom('customers')
      .select(['do_not_mail', 'do_not_mail_source'])
      .where('org_id', '=', shop.orgId)
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ do_not_mail: true, do_not_mail_source: 'unsubscribe_link' });
  });

  it('every stop word in any case; answers in the customer language', async () => {
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    for (const word of [
      'ARRET',
      'arrêt',
      'Alto',
      'quit',
      'END',
      'revoke',
      'opt out',
      'Cancel',
      'unsubscribe',
      'STOP',
    ]) {
      const c = await makeTextCustomer(t.db, shop, { language: 'fr' });
      const r = await text(shop, c.mobile_phone!, word);
      expect(reply(r.body), word).toBe(
        'Garage Test : vous ne recevrez plus de textos. Repondez START pour les reprendre.',
      );
    }
    const es = await makeTextCustomer(t.db, shop, { language: 'es' });
    expect(reply((await text(shop, es.mobile_phone!, 'ALTO')).body)).toMatch(/^Garage Test: no recibira mas/);
    const opted = await t.db
      .selectFrom('sms_opt_outs')
      .select('keyword')
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(opted).toHaveLength(11);
  });

  it("HELP answers with the shop's identity", async () => {
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const c = await makeTextCustomer(t.db, shop);
    const r = await text(shop, c.mobile_phone!, 'help');
    expect(reply(r.body)).toBe(
      'Garage Test, 1 Main St Montréal H2X 1Y4, 514-555-0100. Service texts about your vehicle. Reply STOP to opt out.',
    );
  });

  it('a reply is kept in the customer conversation, unread, with no answer; a replayed webhook adds nothing', async () => {
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const c = await makeTextCustomer(t.db, shop);
    const init = inboundText(provider, hook(shop, 'inbound'), {
      from: c.mobile_phone!,
      to: SHOP_NUMBER,
      body: 'Can I come at 10 instead?',
    });
    const first = await deliver(hook(shop, 'inbound'), init);
    const replay = await deliver(hook(shop, 'inbound'), init);
    expect(reply(first.body)).toBeNull();
    expect(replay.status).toBe(200);
    const thread = await t.db
      .selectFrom('sms_conversation')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(thread).toMatchObject([
      { direction: 'in', customer_id: c.id, body: 'Can I come at 10 instead?', read_at: null, intent: null },
    ]);
    // A number nobody has: kept without a customer.
    await text(shop, '+15145559999', 'Who is this?');
    const unknown = await t.db
      .selectFrom('sms_conversation')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('phone', '=', '+15145559999')
      .execute();
    expect(unknown).toMatchObject([{ customer_id: null, body: 'Who is this?' }]);
  });

  it('"C" answering an appointment reminder confirms the appointment (requested → confirmed)', async () => {
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const c = await makeTextCustomer(t.db, shop, { language: 'fr', consent: 'service' });
    const mechanic = await t.db
      .insertInto('mechanics')
      .values({ org_id: shop.orgId, location_id: shop.locationId, name: 'Alex' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const a = await makeAppointment(t.db, shop, {
      customerId: c.id,
      startsAt: '2026-12-08T15:00:00Z',
    });
    await t.db
      .updateTable('appointments')
      .set({ status: 'requested' })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', a.id)
      .execute();
    await t.db
      .updateTable('appointments')
      .set({ mechanic_id: mechanic.id })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', a.id)
      .execute();
    const reminder = await makeMessage(t.db, shop, {
      kind: 'E04',
      channel: 'sms',
      customer_id: c.id,
      appointment_id: a.id,
      language: 'fr',
      status: 'sent',
      sent_at: NOW,
    });
    void reminder;
    const r = await text(shop, c.mobile_phone!, 'c');
    expect(reply(r.body)).toMatch(
      /^Garage Test : merci, votre rendez-vous du .*8 d.cembre 2026.* est confirme\.$/,
    );
    const after = await t.db
      .selectFrom('appointments')
      .select('status')
      .where('org_id', '=', shop.orgId)
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('confirmed');
    // Without a reminder to answer, "C" is a reply for staff.
    const other = await makeTextCustomer(t.db, shop);
    expect(reply((await text(shop, other.mobile_phone!, 'C')).body)).toBeNull();
  });

  it('refuses a request without the signature, with another location token, or to another location URL', async () => {
    const a = await makeTextShop(t.db, ctx.keys, provider);
    const other = await startFakeSmsProvider();
    try {
      const b = await makeTextShop(t.db, ctx.keys, other);
      const c = await makeTextCustomer(t.db, b);
      // Signed with A's provider token, sent to B's URL.
      expect((await text(b, c.mobile_phone!, 'STOP', provider)).status).toBe(403);
      // Signed for A's URL, sent to B's URL.
      const forA = inboundText(provider, hook(a, 'inbound'), {
        from: c.mobile_phone!,
        to: SHOP_NUMBER,
        body: 'STOP',
      });
      expect((await deliver(hook(b, 'inbound'), forA)).status).toBe(403);
      const unsigned = await app.inject({
        method: 'POST',
        url: new URL(hook(b, 'inbound')).pathname,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `From=${encodeURIComponent(c.mobile_phone!)}&Body=STOP&MessageSid=SM1`,
      });
      expect(unsigned.statusCode).toBe(403);
      expect(unsigned.body).not.toMatch(/stack|at .*\.ts/);
      expect(
        await t.db.selectFrom('sms_opt_outs').selectAll().where('org_id', '=', b.orgId).execute(),
      ).toEqual([]);
      expect(
        await t.db.selectFrom('sms_conversation').selectAll().where('org_id', '=', b.orgId).execute(),
      ).toEqual([]);
      // The right token works.
      expect(reply((await text(b, c.mobile_phone!, 'STOP', other)).body)).toMatch(/no more texts/);
    } finally {
      await other.close();
    }
  });
});

describe('delivery status callbacks', () => {
  it('delivered is kept; a late "sent" does not replace it; undelivered marks the text bounced with its error code', async () => {
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const c1 = await makeTextCustomer(t.db, shop);
    const c2 = await makeTextCustomer(t.db, shop);
    const m1 = await smsMessage(shop, c1.id);
    const m2 = await smsMessage(shop, c2.id);
    const before = provider.received.length;
    await runWorker(ctx, { once: true });
    const t1 = provider.received.slice(before).find((x) => x.to === c1.mobile_phone)!;
    const t2 = provider.received.slice(before).find((x) => x.to === c2.mobile_phone)!;
    expect((await provider.status(t1, 'delivered', deliver)).status).toBe(204);
    await provider.status(t1, 'sent', deliver);
    expect(await statusOf(shop, m1.id)).toMatchObject({ status: 'sent', provider_status: 'delivered' });
    await provider.status(t2, 'undelivered', deliver, '30003');
    expect(await statusOf(shop, m2.id)).toMatchObject({
      status: 'bounced',
      provider_status: 'undelivered',
      reason: 'text undelivered (error 30003)',
    });
    // A forged callback (wrong token) changes nothing.
    const forged = await startFakeSmsProvider();
    try {
      const res = await forged.status({ ...t1, statusCallback: t1.statusCallback }, 'failed', deliver);
      expect(res.status).toBe(403);
      expect(await statusOf(shop, m1.id)).toMatchObject({ status: 'sent', provider_status: 'delivered' });
    } finally {
      await forged.close();
    }
  });

  it('a failed text falls back along the channel order once (email), and the number is texted no more', async () => {
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const c = await makeTextCustomer(t.db, shop);
    const m = await smsMessage(shop, c.id);
    const before = provider.received.length;
    await runWorker(ctx, { once: true });
    const sent = provider.received.slice(before).find((x) => x.to === c.mobile_phone)!;
    expect((await provider.status(sent, 'failed', deliver, '30006')).status).toBe(204);
    // Replayed and late callbacks change nothing more.
    await provider.status(sent, 'failed', deliver, '30006');
    await provider.status(sent, 'undelivered', deliver, '30003');
    expect(await statusOf(shop, m.id)).toMatchObject({
      status: 'bounced',
      reason: 'text failed (error 30006)',
    });
    const followOn = await t.db
      .selectFrom('messages')
      .select(['id', 'kind', 'channel', 'status', 'reason', 'recipient_email', 'due_on', 'customer_id'])
      .where('org_id', '=', shop.orgId)
      .where('dedupe_key', 'like', '%/after-sms')
      .execute();
    expect(followOn).toEqual([
      {
        id: followOn[0]!.id,
        kind: 'THANK_YOU',
        channel: 'email',
        status: 'pending',
        reason: `after text ${m.id} failed`,
        recipient_email: c.email,
        due_on: m.due_on,
        customer_id: c.id,
      },
    ]);
    expect(
      await t.db
        .selectFrom('sms_opt_outs')
        .select(['phone', 'keyword'])
        .where('org_id', '=', shop.orgId)
        .where('location_id', '=', shop.locationId)
        .execute(),
    ).toEqual([{ phone: c.mobile_phone, keyword: 'undeliverable' }]);
    // Another text to the number is not sent.
    const later = await smsMessage(shop, c.id, 'E01');
    const count = provider.received.length;
    await runWorker(ctx, { once: true });
    expect(provider.received.slice(count).filter((x) => x.to === c.mobile_phone)).toEqual([]);
    expect(await statusOf(shop, later.id)).toMatchObject({
      status: 'cancelled',
      reason: 'the number could not be reached (an earlier text failed)',
    });
    // STOP from the number afterwards is the customer's own opt-out, confirmed once.
    const stop = await text(shop, c.mobile_phone!, 'STOP');
    expect(reply(stop.body)).not.toBeNull();
    const kept = await t.db
      .selectFrom('sms_opt_outs')
      .select('keyword')
      .where('org_id', '=', shop.orgId)
      .where('phone', '=', c.mobile_phone)
      .executeTakeFirstOrThrow();
    expect(kept.keyword).toBe('STOP');
  });

  it('staff clear the undeliverable mark (DELETE /customers/:id/text-undeliverable, audited) and texts resume; a STOP stays', async () => {
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const c = await makeTextCustomer(t.db, shop);
    await smsMessage(shop, c.id);
    const before = provider.received.length;
    await runWorker(ctx, { once: true });
    const sent = provider.received.slice(before).find((x) => x.to === c.mobile_phone)!;
    await provider.status(sent, 'undelivered', deliver, '30003');
    const advisor = await makeStaff(t.db, shop, [{ locationId: shop.locationId, role: 'service_advisor' }]);
    const staff = await signIn(app, advisor.email);
    const card = async () =>
      (
        (await staff.request({ method: 'GET', url: `/api/v1/customers/${c.id}` })).json() as {
          text_block: unknown;
        }
      ).text_block;
    // The contact card says the number is marked.
    expect(await card()).toMatchObject({ reason: 'undeliverable', keyword: 'undeliverable' });
    const clear = () =>
      staff.request({ method: 'DELETE', url: `/api/v1/customers/${c.id}/text-undeliverable` });
    const res = await clear();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ customer_id: c.id, mobile_phone: c.mobile_phone, cleared: true });
    expect((await clear()).json()).toMatchObject({ cleared: false });
    expect(await card()).toBeNull();
    const audited = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'actor_id', 'changes'])
      .orderBy('id')
      .where('org_id', '=', shop.orgId)
      .where('action', '=', 'clear_text_undeliverable')
      .execute();
    const entry = { action: 'clear_text_undeliverable', entity_id: String(c.id), actor_id: advisor.id };
    expect(audited).toEqual([
      { ...entry, changes: { text_undeliverable: { from: c.mobile_phone, to: null } } },
      { ...entry, changes: {} },
    ]);
    // The next text goes.
    await smsMessage(shop, c.id, 'E01');
    const count = provider.received.length;
    await runWorker(ctx, { once: true });
    expect(provider.received.slice(count).filter((x) => x.to === c.mobile_phone)).toHaveLength(1);
    // A technician may not; a STOP the customer texted is not staff's to clear.
    const tech = await makeStaff(t.db, shop, [{ locationId: shop.locationId, role: 'technician' }]);
    expect(
      (
        await (
          await signIn(app, tech.email)
        ).request({ method: 'DELETE', url: `/api/v1/customers/${c.id}/text-undeliverable` })
      ).statusCode,
    ).toBe(403);
    await text(shop, c.mobile_phone!, 'STOP');
    expect((await clear()).json()).toMatchObject({ cleared: false });
    expect(await card()).toMatchObject({ reason: 'stop', keyword: 'STOP' });
    expect(
      await t.db
        .selectFrom('sms_opt_outs')
        .select('keyword')
        .where('org_id', '=', shop.orgId)
        .where('phone', '=', c.mobile_phone)
        .execute(),
    ).toEqual([{ keyword: 'STOP' }]);
  });

  it('with no usable email or postcard, a failed text only marks the number', async () => {
    const shop = await makeTextShop(t.db, ctx.keys, provider);
    const c = await makeTextCustomer(t.db, shop);
    await t.db
      .updateTable('customers')
      .set({ email: null, address_line1: null })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', c.id)
      .execute();
    const m = await smsMessage(shop, c.id);
    const before = provider.received.length;
    await runWorker(ctx, { once: true });
    const sent = provider.received.slice(before).find((x) => x.to === c.mobile_phone)!;
    await provider.status(sent, 'undelivered', deliver, '30003');
    expect(await statusOf(shop, m.id)).toMatchObject({ status: 'bounced' });
    const rows = await t.db
      .selectFrom('messages')
      .select('id')
      .where('org_id', '=', shop.orgId)
      .where('customer_id', '=', c.id)
      .execute();
    expect(rows.map((r) => r.id)).toEqual([m.id]);
    const marked = await t.db
      .selectFrom('sms_opt_outs')
      .select('keyword')
      .where('org_id', '=', shop.orgId)
      .where('phone', '=', c.mobile_phone)
      .execute();
    expect(marked).toEqual([{ keyword: 'undeliverable' }]);
  });
});
