// Unsubscribe (GET confirms, POST acts, one-click RFC 8058), bounces (JSON and DSN), survey,
// through the real HTTP app and the catcher. The mailbox and the reset page: staff-pages.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import type { AppContext } from '../../context.ts';
import { bounceWebhookSecret, orgBounceWebhookSecret } from '../../delivery/bounces/record-bounce.ts';
import { runWorker } from '../../delivery/worker/run-worker.ts';
import { buildApp } from '../app.ts';

let t: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = testContext(t); // no SMTP_URL: mail is caught locally
  app = await buildApp(ctx);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function sendOne(values: { language?: 'en' | 'fr' | 'es'; kind?: string } = {}) {
  const shop = await makeShop(t.db);
  const customer = await makeCustomer(t.db, shop, { language: values.language ?? 'fr' });
  const message = await makeMessage(t.db, shop, {
    customer_id: customer.id,
    kind: values.kind ?? 'THANK_YOU',
    language: values.language ?? 'fr',
  });
  await runWorker(ctx, { once: true });
  const caught = await t.db
    .selectFrom('caught_mail')
    .selectAll()
    .where('org_id', '=', shop.orgId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const url = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(caught.raw.replace(/\r\n[ \t]+/g, ' '))![1]!;
  return { shop, customer, message, caught, path: new URL(url).pathname };
}

const customerRow = (orgId: number, id: number) =>
  t.db
    .selectFrom('customers')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('unsubscribe', () => {
  it('GET only shows a confirm page in the customer language; POST sets Do Not Mail with an audit row', async () => {
    const { shop, customer, path, caught } = await sendOne({ language: 'fr' });
    expect(caught.html).toContain(`href="http://relance.test${path}"`);
    const get = await app.inject({ method: 'GET', url: path });
    expect(get.statusCode).toBe(200);
    expect(get.body).toContain('Oui, me désabonner');
    expect((await customerRow(shop.orgId, customer.id)).do_not_mail).toBe(false);

    const post = await app.inject({
      method: 'POST',
      url: path,
      payload: 'confirm=yes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.statusCode).toBe(200);
    expect(post.body).toContain('C’est fait');
    const c = await customerRow(shop.orgId, customer.id);
    expect(c).toMatchObject({ do_not_mail: true, do_not_mail_source: 'unsubscribe_link' });
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('action', '=', 'unsubscribe')
      .execute();
    expect(audit).toHaveLength(1);
    // Twice: still fine, nothing logged again.
    await app.inject({
      method: 'POST',
      url: path,
      payload: 'confirm=yes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(
      await t.db
        .selectFrom('audit_log')
        .selectAll()
        .where('org_id', '=', shop.orgId)
        .where('action', '=', 'unsubscribe')
        .execute(),
    ).toHaveLength(1);
  });

  it('accepts the RFC 8058 one-click POST without login', async () => {
    const { shop, customer, path } = await sendOne({ language: 'es' });
    const res = await app.inject({
      method: 'POST',
      url: path,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(200);
    expect(await customerRow(shop.orgId, customer.id)).toMatchObject({
      do_not_mail: true,
      do_not_mail_source: 'list_unsubscribe',
    });
  });

  it('refuses a forged or tampered token', async () => {
    const { path } = await sendOne();
    const tampered = path.slice(0, -3) + (path.endsWith('AAA') ? 'BBB' : 'AAA');
    expect(
      (
        await app.inject({
          method: 'POST',
          url: tampered,
          payload: 'List-Unsubscribe=One-Click',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('bounces', () => {
  const auth = () => ({ authorization: `Bearer ${bounceWebhookSecret(ctx.keys)}` });

  it('needs the shared secret', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/hooks/bounce',
      payload: { recipient: 'a@b.test', status: '5.1.1' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('marks a hard bounce from a DSN: customer hard_bounced, message bounced', async () => {
    const { shop, customer, message, caught } = await sendOne();
    const dsn = [
      'From: MAILER-DAEMON@mx.example.test',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Delivery failed.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.test',
      '',
      `Final-Recipient: rfc822; ${customer.email!.toUpperCase()}`,
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 user unknown',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${caught.message_id}`,
      'Subject: x',
      '--b1--',
      '',
    ].join('\r\n');
    const res = await app.inject({
      method: 'POST',
      url: '/hooks/bounce',
      payload: dsn,
      headers: { ...auth(), 'content-type': 'message/rfc822' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ bounces: 1, hard: 1, messages: 1, customers: 1, unmatched: 0 });
    expect((await customerRow(shop.orgId, customer.id)).email_status).toBe('hard_bounced');
    const m = await t.db
      .selectFrom('messages')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('id', '=', message.id)
      .executeTakeFirstOrThrow();
    expect(m).toMatchObject({ status: 'bounced' });
    expect(m.reason).toMatch(/5\.1\.1/);
  });

  it('keeps the address on a soft bounce and rejects bad JSON with the field named', async () => {
    const { shop, customer } = await sendOne();
    const soft = await app.inject({
      method: 'POST',
      url: '/hooks/bounce',
      payload: { recipient: customer.email, status: '4.2.2' },
      headers: auth(),
    });
    expect(soft.json()).toMatchObject({ bounces: 1, hard: 0 });
    expect((await customerRow(shop.orgId, customer.id)).email_status).toBe('ok');
    const bad = await app.inject({
      method: 'POST',
      url: '/hooks/bounce',
      payload: { recipient: customer.email, status: 'hard' },
      headers: auth(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/^status:/);
  });

  it('never acts across organizations: a hard bounce marks the address in one organization only', async () => {
    const a = await makeShop(t.db);
    const b = await makeShop(t.db);
    const email = `shared${Date.now()}@example.test`;
    const inA = await makeCustomer(t.db, a, { email });
    const inB = await makeCustomer(t.db, b, { email: email.toUpperCase() });
    // The installation's secret with no Message-ID: no organization is named, nothing changes.
    const blind = await app.inject({
      method: 'POST',
      url: '/hooks/bounce',
      payload: { recipient: email, status: '5.1.1' },
      headers: auth(),
    });
    expect(blind.json()).toEqual({ bounces: 1, hard: 1, messages: 0, customers: 0, unmatched: 1 });
    expect((await customerRow(a.orgId, inA.id)).email_status).toBe('ok');
    expect((await customerRow(b.orgId, inB.id)).email_status).toBe('ok');
    // Organization A's own secret: A's file only.
    const forA = await app.inject({
      method: 'POST',
      url: '/hooks/bounce',
      payload: [{ recipient: email, status: '5.1.1' }],
      headers: { authorization: `Bearer ${orgBounceWebhookSecret(ctx.keys, a.orgId)}` },
    });
    expect(forA.json()).toEqual({ bounces: 1, hard: 1, messages: 0, customers: 1, unmatched: 0 });
    expect((await customerRow(a.orgId, inA.id)).email_status).toBe('hard_bounced');
    expect((await customerRow(b.orgId, inB.id)).email_status).toBe('ok');
    // A's secret quoting B's message changes neither B's message nor B's customer.
    const { shop: c, message: cMessage, caught: cCaught, customer: cCustomer } = await sendOne();
    const cross = await app.inject({
      method: 'POST',
      url: '/hooks/bounce',
      payload: { recipient: cCustomer.email, status: '5.1.1', message_id: cCaught.message_id },
      headers: { authorization: `Bearer ${orgBounceWebhookSecret(ctx.keys, a.orgId)}` },
    });
    expect(cross.json()).toMatchObject({ messages: 0, customers: 0 });
    expect((await customerRow(c.orgId, cCustomer.id)).email_status).toBe('ok');
    expect(
      (
        await t.db
          .selectFrom('messages')
          .select('status')
          .where('org_id', '=', c.orgId)
          .where('id', '=', cMessage.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('sent');
    // A secret made for one organization does not open another (the org id is part of what is signed).
    const forged = orgBounceWebhookSecret(ctx.keys, a.orgId).replace(/^o\d+\./, `o${b.orgId}.`);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/hooks/bounce',
          payload: { recipient: email, status: '5.1.1' },
          headers: { authorization: `Bearer ${forged}` },
        })
      ).statusCode,
    ).toBe(401);
    expect((await customerRow(b.orgId, inB.id)).email_status).toBe('ok');
  });
});

describe('survey', () => {
  it('records an E03 rating from the link, GET records nothing', async () => {
    const shop = await makeShop(t.db);
    const customer = await makeCustomer(t.db, shop, { language: 'en' });
    const m = await makeMessage(t.db, shop, {
      customer_id: customer.id,
      kind: 'E03',
      language: 'en',
      payload: { vehicles: [{ id: 1, year: 2020, make: 'Ford', model: 'F-150', plate: 'X1' }] },
    });
    await runWorker(ctx, { once: true });
    const caught = await t.db
      .selectFrom('caught_mail')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .executeTakeFirstOrThrow();
    const links = [...caught.html!.matchAll(/href="(http:\/\/relance\.test\/s\/[^"?]+)\?rating=(\d)"/g)];
    expect(links.map((l) => l[2])).toEqual(['1', '2', '3', '4', '5']);
    const path = new URL(links[3]![1]!).pathname;
    const get = await app.inject({ method: 'GET', url: `${path}?rating=4` });
    expect(get.body).toContain('value="4" checked');
    expect(
      await t.db.selectFrom('surveys').selectAll().where('org_id', '=', shop.orgId).execute(),
    ).toHaveLength(0);
    const post = await app.inject({
      method: 'POST',
      url: path,
      payload: 'rating=4&comment=Tr%C3%A8s+bien',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(post.statusCode).toBe(200);
    const s = await t.db
      .selectFrom('surveys')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .executeTakeFirstOrThrow();
    expect(s).toMatchObject({ message_id: m.id, customer_id: customer.id, rating: 4, comment: 'Très bien' });
  });
});
