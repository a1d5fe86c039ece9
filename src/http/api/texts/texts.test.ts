// The text inbox through the API: conversations per customer with unread counts (paged), a thread,
// marking it read, and staff answers queued as STAFF_TEXT texts that the send worker delivers
// (here to the local catcher, then shown at /texts); refused after STOP, without consent, with
// texts off, and for another location's customer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../../test/helpers/factories.ts';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { runWorker } from '../../../delivery/worker/run-worker.ts';
import { buildApp } from '../../app.ts';

let api: ApiTest;
let shop: Awaited<ReturnType<typeof makeShop>>;
let other: Awaited<ReturnType<typeof makeShop>>;
let advisor: Client;
let ann: number;
let bob: number;

async function textIn(
  shopId: { orgId: number; locationId: number },
  customerId: number | null,
  phone: string,
  body: string,
  at: string,
) {
  await api.t.db
    .insertInto('sms_conversation')
    .values({
      org_id: shopId.orgId,
      location_id: shopId.locationId,
      customer_id: customerId,
      direction: 'in',
      phone,
      body,
      provider_sid: `SM${Math.random().toString(36).slice(2)}`,
      at,
    })
    .execute();
}

async function consent(shopId: { orgId: number }, customerId: number) {
  await api.t.db
    .insertInto('customer_consents')
    .values({
      org_id: shopId.orgId,
      customer_id: customerId,
      channel: 'text',
      purpose: 'service',
      basis: 'express',
      source: 'staff',
      given_on: '2026-03-01',
      evidence: JSON.stringify({ text: 'Signed the texting box' }),
    })
    .execute();
}

beforeAll(async () => {
  api = await createApiTest();
  shop = await makeShop(api.t.db, { sms_enabled: true });
  other = await makeShop(api.t.db, { sms_enabled: true });
  ann = (await makeCustomer(api.t.db, shop, { mailing_name: 'Ann Texter', mobile_phone: '+15145550111' })).id;
  bob = (await makeCustomer(api.t.db, shop, { mailing_name: 'Bob Quiet', mobile_phone: '+15145550122' })).id;
  await consent(shop, ann);
  await textIn(shop, ann, '+15145550111', 'Is my car ready?', '2026-03-10T13:00:00Z');
  await textIn(shop, ann, '+15145550111', 'Hello?', '2026-03-10T13:05:00Z');
  await textIn(shop, bob, '+15145550122', 'Thanks', '2026-03-09T13:00:00Z');
  // Texts all day at this location, through the local catcher (no provider switched on).
  await api.t.db
    .insertInto('sms_settings')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      enabled: false,
      account_sid: 'AC1',
      auth_token_ciphertext: 'unused',
      from_number: '+15145550100',
      send_from_hour: 0,
      send_until_hour: 24,
    })
    .execute();
  const user = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'service_advisor' }]);
  advisor = await signIn(api.app, user.email);
});
afterAll(async () => api?.close());

const base = () => `/api/v1/locations/${shop.locationId}/conversations`;

describe(`the text inbox on ${backendName}`, () => {
  it('lists conversations latest first with unread counts, paged on the server', async () => {
    const res = await advisor.request({ method: 'GET', url: base() });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as {
      items: Array<{ customer_id: number; unread: number; last_body: string; last_direction: string }>;
      unread_total: number;
    };
    expect(body.items.map((c) => [c.customer_id, c.unread, c.last_body])).toEqual([
      [ann, 2, 'Hello?'],
      [bob, 1, 'Thanks'],
    ]);
    expect(body.unread_total).toBe(3);
    const first = (await advisor.request({ method: 'GET', url: `${base()}?limit=1` })).json() as {
      items: Array<{ customer_id: number }>;
      next_cursor: string;
    };
    expect(first.items.map((c) => c.customer_id)).toEqual([ann]);
    const second = (
      await advisor.request({ method: 'GET', url: `${base()}?limit=1&cursor=${first.next_cursor}` })
    ).json() as { items: Array<{ customer_id: number }>; next_cursor: string | null };
    expect(second.items.map((c) => c.customer_id)).toEqual([bob]);
    expect(second.next_cursor).toBeNull();
    const bad = await advisor.request({ method: 'GET', url: `${base()}?cursor=nope` });
    expect(bad.statusCode).toBe(400);
  });

  it('shows a thread newest first and marks it read', async () => {
    const thread = await advisor.request({ method: 'GET', url: `${base()}/${ann}` });
    expect(thread.statusCode, thread.body).toBe(200);
    const t = thread.json() as {
      customer: { name: string; opted_out: boolean };
      time_zone: string;
      items: Array<{ body: string; direction: string }>;
    };
    expect(t.customer).toMatchObject({ name: 'Ann Texter', opted_out: false });
    expect(t.time_zone).toBe('America/Toronto');
    expect(t.items.map((x) => x.body)).toEqual(['Hello?', 'Is my car ready?']);
    expect((thread.json() as { unread: number }).unread).toBe(2);
    const read = await advisor.request({ method: 'POST', url: `${base()}/${ann}/read` });
    expect(read.json()).toEqual({ marked: 2 });
    const list = (await advisor.request({ method: 'GET', url: `${base()}?unread=true` })).json() as {
      items: Array<{ customer_id: number }>;
      unread_total: number;
    };
    expect(list.items.map((c) => c.customer_id)).toEqual([bob]);
    expect(list.unread_total).toBe(1);
  });

  it('queues a staff answer, which the send worker texts (here: the local catcher, shown at /texts)', async () => {
    const res = await advisor.request({
      method: 'POST',
      url: `${base()}/${ann}/texts`,
      payload: { body: 'Yes, ready at 5 pm.' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ direction: 'out', body: 'Yes, ready at 5 pm.', status: 'pending' });
    const message = await api.t.db
      .selectFrom('messages')
      .select(['id', 'kind', 'channel', 'status'])
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'STAFF_TEXT')
      .executeTakeFirstOrThrow();
    expect(message).toMatchObject({ channel: 'sms', status: 'pending' });
    expect((await runWorker(api.ctx, { once: true })).sent).toBe(1);
    const caught = await api.t.db
      .selectFrom('caught_texts')
      .select(['to_number', 'body', 'message_id'])
      .where('org_id', '=', shop.orgId)
      .execute();
    expect(caught).toEqual([
      { to_number: '+15145550111', body: 'Yes, ready at 5 pm.', message_id: message.id },
    ]);
    // Still one row in the conversation for the answer, now with its provider id and status sent.
    const outs = await api.t.db
      .selectFrom('sms_conversation')
      .select(['provider_sid'])
      .where('org_id', '=', shop.orgId)
      .where('direction', '=', 'out')
      .execute();
    expect(outs).toHaveLength(1);
    expect(outs[0]!.provider_sid).toMatch(/^caught-/);
    const thread = (await advisor.request({ method: 'GET', url: `${base()}/${ann}` })).json() as {
      items: Array<{ body: string; status: string | null }>;
    };
    expect(thread.items[0]).toMatchObject({ body: 'Yes, ready at 5 pm.', status: 'sent' });
    const page = await advisor.request({ method: 'GET', url: '/texts' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Yes, ready at 5 pm.');
    expect(page.body).toContain('+15145550111');
  });

  it('refuses to text a number that texted STOP, in the reader’s language, and writes nothing', async () => {
    await api.t.db
      .insertInto('sms_opt_outs')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        phone: '+15145550111',
        keyword: 'STOP',
        opted_out_at: '2026-03-10T13:30:00Z',
      })
      .execute();
    const before = await api.t.db.selectFrom('messages').select('id').execute();
    const res = await advisor.request({
      method: 'POST',
      url: `${base()}/${ann}/texts`,
      payload: { body: 'Are you there?' },
      headers: { 'accept-language': 'fr' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'text_opted_out', field: 'body' } });
    expect((await api.t.db.selectFrom('messages').select('id').execute()).length).toBe(before.length);
    const thread = (await advisor.request({ method: 'GET', url: `${base()}/${ann}` })).json() as {
      customer: { opted_out: boolean };
      cannot_text: { code: string } | null;
    };
    expect(thread.customer.opted_out).toBe(true);
    expect(thread.cannot_text?.code).toBe('text_opted_out');
  });

  it('refuses without consent for texts, with texts off, and for another location’s customer', async () => {
    const noConsent = await advisor.request({
      method: 'POST',
      url: `${base()}/${bob}/texts`,
      payload: { body: 'Hi' },
    });
    expect(noConsent.json()).toMatchObject({ error: { code: 'no_text_consent' } });
    // The thread says so before staff type (the card's "Send a text" opens it), in their language.
    const thread = await advisor.request({ method: 'GET', url: `${base()}/${bob}` });
    expect((thread.json() as { cannot_text: unknown }).cannot_text).toEqual({
      code: 'no_text_consent',
      message: expect.stringContaining('not agreed to texts') as unknown,
    });
    // A customer who never texted: their conversation opens empty, ready to write.
    const newcomer = (
      await makeCustomer(api.t.db, shop, { mailing_name: 'Nina New', mobile_phone: '+15145550144' })
    ).id;
    await consent(shop, newcomer);
    const empty = (await advisor.request({ method: 'GET', url: `${base()}/${newcomer}` })).json() as {
      items: unknown[];
      cannot_text: unknown;
    };
    expect(empty).toMatchObject({ items: [], cannot_text: null });
    const elsewhere = (await makeCustomer(api.t.db, other, { mobile_phone: '+15145550133' })).id;
    const cross = await advisor.request({
      method: 'POST',
      url: `${base()}/${elsewhere}/texts`,
      payload: { body: 'Hi' },
    });
    expect(cross.statusCode).toBe(404);
    await api.t.db
      .updateTable('locations')
      .set({ sms_enabled: false })
      .where('id', '=', shop.locationId)
      .execute();
    await consent(shop, bob);
    const off = await advisor.request({
      method: 'POST',
      url: `${base()}/${bob}/texts`,
      payload: { body: 'Hi' },
    });
    expect(off.json()).toMatchObject({ error: { code: 'texts_switched_off' } });
    await api.t.db
      .updateTable('locations')
      .set({ sms_enabled: true })
      .where('id', '=', shop.locationId)
      .execute();
  });

  it('shows caught texts to their location’s readers only, on loopback, never in production', async () => {
    const otherOwner = await signIn(
      api.app,
      (await makeStaff(api.t.db, other, [{ locationId: other.locationId, role: 'owner' }])).email,
    );
    const theirs = await otherOwner.request({ method: 'GET', url: '/texts' });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain('ready at 5 pm');
    const tech = await signIn(
      api.app,
      (await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'technician' }])).email,
    );
    expect((await tech.request({ method: 'GET', url: '/texts' })).statusCode).toBe(403);
    const anonymous = await api.app.inject({
      method: 'GET',
      url: '/texts',
      headers: { 'accept-language': 'fr' },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.body).toContain('action="/texts/sign-in"');
    expect(anonymous.body).toContain('textos retenus localement');
    const remote = await api.app.inject({ method: 'GET', url: '/texts', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(404);
    const prod = await buildApp({
      ...api.ctx,
      config: { ...api.ctx.config, NODE_ENV: 'production' as const },
    });
    try {
      expect((await prod.inject({ method: 'GET', url: '/texts' })).statusCode).toBe(404);
    } finally {
      await prod.close();
    }
  });

  it('lists a number that matches no customer as its own conversation, answered and linked to a customer', async () => {
    const stranger = '+15145550177';
    await textIn(shop, null, stranger, 'Do you fix brakes on Saturdays?', '2026-03-11T14:00:00Z');
    await textIn(shop, null, stranger, 'It is Carl', '2026-03-11T14:01:00Z');
    // Another location's unknown number is not this inbox's.
    await textIn(other, null, '+15145550188', 'Hi other shop', '2026-03-11T15:00:00Z');
    const list = (await advisor.request({ method: 'GET', url: `${base()}?limit=1` })).json() as {
      items: Array<{
        customer_id: number | null;
        customer_name: string | null;
        mobile_phone: string;
        unread: number;
      }>;
      next_cursor: string;
      unread_total: number;
    };
    expect(list.items).toEqual([
      expect.objectContaining({ customer_id: null, customer_name: null, mobile_phone: stranger, unread: 2 }),
    ]);
    expect(list.unread_total).toBe(3); // Bob's 1 and the stranger's 2
    const rest = (
      await advisor.request({ method: 'GET', url: `${base()}?limit=10&cursor=${list.next_cursor}` })
    ).json() as { items: Array<{ customer_id: number | null }> };
    expect(rest.items.map((c) => c.customer_id)).toEqual([ann, bob]);

    const number = `/api/v1/locations/${shop.locationId}/numbers/${encodeURIComponent(stranger)}`;
    const thread = await advisor.request({ method: 'GET', url: `${number}/conversation` });
    expect(thread.statusCode, thread.body).toBe(200);
    expect(thread.json()).toMatchObject({
      phone: stranger,
      opted_out: false,
      unread: 2,
      texts_enabled: true,
    });
    expect((thread.json() as { items: Array<{ body: string }> }).items.map((x) => x.body)).toEqual([
      'It is Carl',
      'Do you fix brakes on Saturdays?',
    ]);
    expect((await advisor.request({ method: 'POST', url: `${number}/read` })).json()).toEqual({ marked: 2 });
    // A number that never texted the location, or texted another location, is not found.
    for (const url of [
      `/api/v1/locations/${shop.locationId}/numbers/%2B15145550166/conversation`,
      `/api/v1/locations/${shop.locationId}/numbers/%2B15145550188/conversation`,
    ])
      expect((await advisor.request({ method: 'GET', url })).statusCode).toBe(404);
    const never = await advisor.request({
      method: 'POST',
      url: `/api/v1/locations/${shop.locationId}/numbers/%2B15145550166/texts`,
      payload: { body: 'Hello stranger' },
    });
    expect(never.statusCode).toBe(404);
    expect(
      (
        await advisor.request({
          method: 'GET',
          url: `/api/v1/locations/${shop.locationId}/numbers/nope/conversation`,
        })
      ).statusCode,
    ).toBe(400);

    // Answered without a customer: the worker texts the number (here the local catcher).
    const answer = await advisor.request({
      method: 'POST',
      url: `${number}/texts`,
      payload: { body: 'Yes, 9 to 1. Who is this?' },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    expect((await runWorker(api.ctx, { once: true })).sent).toBe(1);
    const caught = await api.t.db
      .selectFrom('caught_texts')
      .select(['to_number', 'body'])
      .where('org_id', '=', shop.orgId)
      .where('to_number', '=', stranger)
      .execute();
    expect(caught).toEqual([{ to_number: stranger, body: 'Yes, 9 to 1. Who is this?' }]);
    const after = (await advisor.request({ method: 'GET', url: `${number}/conversation` })).json() as {
      items: Array<{ body: string; status: string | null }>;
    };
    expect(after.items[0]).toMatchObject({ body: 'Yes, 9 to 1. Who is this?', status: 'sent' });

    // Linking needs customers.write and a customer of the location without another mobile number.
    const carl = (await makeCustomer(api.t.db, shop, { mailing_name: 'Carl Unknown', mobile_phone: null }))
      .id;
    const taken = await advisor.request({
      method: 'POST',
      url: `${number}/link`,
      payload: { customer_id: bob },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'mobile_phone_differs', field: 'customer_id' } });
    const elsewhere = (await makeCustomer(api.t.db, other, { mobile_phone: null })).id;
    const cross = await advisor.request({
      method: 'POST',
      url: `${number}/link`,
      payload: { customer_id: elsewhere },
    });
    expect(cross.statusCode).toBe(404);
    const linked = await advisor.request({
      method: 'POST',
      url: `${number}/link`,
      payload: { customer_id: carl },
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toEqual({ customer_id: carl, mobile_phone: stranger, linked: 3 });
    const customer = await api.t.db
      .selectFrom('customers')
      .select('mobile_phone')
      .where('id', '=', carl)
      .executeTakeFirstOrThrow();
    expect(customer.mobile_phone).toBe(stranger);
    const now = (await advisor.request({ method: 'GET', url: base() })).json() as {
      items: Array<{ customer_id: number | null; customer_name: string | null }>;
    };
    expect(now.items[0]).toMatchObject({ customer_id: carl, customer_name: 'Carl Unknown' });
    expect(now.items.some((c) => c.customer_id === null)).toBe(false);
    expect((await advisor.request({ method: 'GET', url: `${number}/conversation` })).statusCode).toBe(404);
  });

  it('refuses to answer an unknown number that texted STOP', async () => {
    const stopper = '+15145550155';
    await textIn(shop, null, stopper, 'STOP', '2026-03-12T14:00:00Z');
    await api.t.db
      .insertInto('sms_opt_outs')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        phone: stopper,
        keyword: 'STOP',
        opted_out_at: '2026-03-12T14:00:00Z',
      })
      .execute();
    const number = `/api/v1/locations/${shop.locationId}/numbers/${encodeURIComponent(stopper)}`;
    expect((await advisor.request({ method: 'GET', url: `${number}/conversation` })).json()).toMatchObject({
      opted_out: true,
    });
    const res = await advisor.request({ method: 'POST', url: `${number}/texts`, payload: { body: 'Sorry' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'text_opted_out' } });
  });
});
