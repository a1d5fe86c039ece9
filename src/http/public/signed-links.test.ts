// Links in sent mail, end to end (issue 13 item 1, issue 12 item 7): short tokens reach the routes
// with ids in the billions, a visitor's unsubscribe suppresses the address, a token only works for
// its purpose, and unsubscribe links mailed before (JSON tokens) still work.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../test/helpers/factories.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import type { AppContext } from '../../context.ts';
import { runWorker } from '../../delivery/worker/run-worker.ts';
import { signToken } from '../../security/keys.ts';
import { buildApp } from '../app.ts';

let t: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = testContext(t);
  app = await buildApp(ctx);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function lastMail(orgId: number) {
  const caught = await t.db
    .selectFrom('caught_mail')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const unfolded = caught.raw.replace(/\r\n[ \t]+/g, ' ');
  const header = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(unfolded)![1]!;
  return { caught, unsubscribe: new URL(header).pathname };
}

const status = (orgId: number, id: number) =>
  t.db
    .selectFrom('messages')
    .select(['status', 'reason'])
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const appointment = {
  id: 5,
  starts_at: '2027-01-05T15:00:00Z',
  ends_at: '2027-01-05T16:00:00Z',
  service: 'Oil change',
};

describe('links in sent mail', () => {
  it('a customer and a message with ids in the billions unsubscribe by link and by one-click POST', async () => {
    const shop = await makeShop(t.db);
    for (const [cid, mid] of [
      [4_000_000_001, 9_000_000_001],
      [4_000_000_002, 9_000_000_002],
    ] as const) {
      const customer = await makeCustomer(t.db, shop, { id: cid, language: 'es' });
      await makeMessage(t.db, shop, { id: mid, customer_id: customer.id, kind: 'E03', language: 'es' });
    }
    await runWorker(ctx, { once: true });
    const mails = await t.db
      .selectFrom('caught_mail')
      .select(['raw', 'html', 'envelope_to'])
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(mails).toHaveLength(2);
    // The worker sends concurrently: order the mails by customer, not by arrival.
    const emails = await t.db
      .selectFrom('customers')
      .select(['id', 'email'])
      .where('org_id', '=', shop.orgId)
      .orderBy('id')
      .execute();
    mails.sort(
      (a, b) =>
        emails.findIndex((c) => a.envelope_to.includes(c.email!)) -
        emails.findIndex((c) => b.envelope_to.includes(c.email!)),
    );
    expect(mails.map((m) => m.envelope_to[0])).toEqual(emails.map((c) => c.email));
    const paths = mails.map((m) => {
      const url = /^List-Unsubscribe:\s*<([^>]+)>/m.exec(m.raw.replace(/\r\n[ \t]+/g, ' '))![1]!;
      const path = new URL(url).pathname;
      expect(path.length - '/u/'.length).toBeLessThanOrEqual(48);
      expect(m.html).toContain(`href="http://relance.test${path}"`);
      // Every survey link of the mail is short too, and its form opens.
      for (const s of m.html!.matchAll(/href="http:\/\/relance\.test(\/s\/[^"?]+)/g))
        expect(s[1]!.length - 3).toBeLessThanOrEqual(48);
      return path;
    });
    const survey = /href="http:\/\/relance\.test(\/s\/[^"?]+)\?rating=4"/.exec(mails[0]!.html!)![1]!;
    expect((await app.inject({ method: 'GET', url: `${survey}?rating=4` })).statusCode).toBe(200);

    expect((await app.inject({ method: 'GET', url: paths[0]! })).statusCode).toBe(200);
    const byLink = await app.inject({
      method: 'POST',
      url: paths[0]!,
      headers: form,
      payload: 'confirm=yes',
    });
    expect(byLink.statusCode).toBe(200);
    const oneClick = await app.inject({
      method: 'POST',
      url: paths[1]!,
      headers: form,
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    const customers = await t.db
      .selectFrom('customers')
      .select(['id', 'do_not_mail', 'do_not_mail_source'])
      .where('org_id', '=', shop.orgId)
      .orderBy('id')
      .execute();
    expect(customers).toEqual([
      { id: 4_000_000_001, do_not_mail: true, do_not_mail_source: 'unsubscribe_link' },
      { id: 4_000_000_002, do_not_mail: true, do_not_mail_source: 'list_unsubscribe' },
    ]);
  });

  it('a visitor’s unsubscribe suppresses the address: their next mail is cancelled, once logged', async () => {
    const shop = await makeShop(t.db);
    const first = await makeMessage(t.db, shop, {
      kind: 'E04',
      recipient_email: 'Walk.In.Visitor+booking@Example-Garage-Customers.test',
      language: 'fr',
      payload: {
        appointment,
        visitor: { name: 'Zoë Visiteuse-Longuenom', email: 'x', phone: null },
      } as never,
    });
    await runWorker(ctx, { once: true });
    expect(await status(shop.orgId, first.id)).toMatchObject({ status: 'sent' });
    const { unsubscribe } = await lastMail(shop.orgId);
    expect(unsubscribe.length).toBeLessThan(60);
    const get = await app.inject({ method: 'GET', url: unsubscribe });
    expect(get.statusCode).toBe(200);
    expect(get.headers['content-language']).toBe('fr');
    expect(get.body).toContain('Walk.In.Visitor+booking@Example-Garage-Customers.test');
    for (let i = 0; i < 2; i++) {
      const post = await app.inject({
        method: 'POST',
        url: unsubscribe,
        headers: form,
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(post.statusCode).toBe(200);
    }
    expect(
      await t.db
        .selectFrom('email_suppressions')
        .select(['email', 'source', 'message_id'])
        .where('org_id', '=', shop.orgId)
        .execute(),
    ).toEqual([
      {
        email: 'walk.in.visitor+booking@example-garage-customers.test',
        source: 'list_unsubscribe',
        message_id: first.id,
      },
    ]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(audit).toEqual([{ entity: 'visitor', action: 'unsubscribe' }]);

    const next = await makeMessage(t.db, shop, {
      kind: 'E04',
      recipient_email: 'WALK.IN.VISITOR+BOOKING@example-garage-customers.test',
      payload: { appointment: { ...appointment, id: 6 } },
    });
    await runWorker(ctx, { once: true });
    expect(await status(shop.orgId, next.id)).toEqual({
      status: 'cancelled',
      reason: 'do_not_mail',
    });
  });

  it('a survey link’s token POSTed to /u/ does not unsubscribe (nor an unsubscribe token answer a survey)', async () => {
    const shop = await makeShop(t.db);
    const customer = await makeCustomer(t.db, shop, { language: 'en' });
    await makeMessage(t.db, shop, { customer_id: customer.id, kind: 'E03', language: 'en' });
    await runWorker(ctx, { once: true });
    const { caught, unsubscribe } = await lastMail(shop.orgId);
    const survey = /href="http:\/\/relance\.test\/s\/([^"?]+)\?rating=1"/.exec(caught.html!)![1]!;
    const wrong = await app.inject({
      method: 'POST',
      url: `/u/${survey}`,
      headers: form,
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(wrong.statusCode).toBe(404);
    const token = unsubscribe.slice('/u/'.length);
    expect(
      (await app.inject({ method: 'POST', url: `/s/${token}`, headers: form, payload: 'rating=1' }))
        .statusCode,
    ).toBe(404);
    const row = await t.db
      .selectFrom('customers')
      .select('do_not_mail')
      .where('org_id', '=', shop.orgId)
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(row.do_not_mail).toBe(false);
    expect(await t.db.selectFrom('surveys').select('id').where('org_id', '=', shop.orgId).execute()).toEqual(
      [],
    );
  });

  it('unsubscribe links mailed before (JSON tokens) still work; a survey token of that time does not unsubscribe', async () => {
    const shop = await makeShop(t.db);
    const customer = await makeCustomer(t.db, shop);
    const message = await makeMessage(t.db, shop, { customer_id: customer.id, kind: 'E03' });
    const until = new Date(Date.now() + 86_400_000);
    const oldSurvey = signToken(ctx.keys, { o: shop.orgId, m: message.id, c: customer.id }, until);
    const oldUnsub = signToken(ctx.keys, { o: shop.orgId, c: customer.id, m: message.id }, until);
    const post = (token: string) =>
      app.inject({
        method: 'POST',
        url: `/u/${token}`,
        headers: form,
        payload: 'List-Unsubscribe=One-Click',
      });
    expect((await post(oldSurvey)).statusCode).toBe(404);
    expect((await post(oldUnsub)).statusCode).toBe(200);
    const row = await t.db
      .selectFrom('customers')
      .select('do_not_mail')
      .where('org_id', '=', shop.orgId)
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    expect(row.do_not_mail).toBe(true);
  });
});
