import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../../test/helpers/factories.ts';
import { createShopApiTest, type ApiTest, type Client } from '../../../../test/helpers/api.ts';

let api: ApiTest;
let owner: Client;
let shop: Awaited<ReturnType<typeof makeShop>>;
beforeAll(async () => {
  ({ api, shop, owner } = await createShopApiTest());
});
afterAll(async () => api?.close());

describe(`customers API on ${backendName}`, () => {
  it('creates, reads, lists, edits with an audit entry, and deletes', async () => {
    const created = await owner.request({
      method: 'POST',
      url: '/api/v1/customers',
      payload: {
        location_id: shop.locationId,
        customer_number: 'C-1',
        mailing_name: 'Marie Gagnon',
        email: 'marie@example.test',
        language: 'fr',
      },
    });
    expect(created.statusCode).toBe(201);
    const c = created.json() as { id: number };
    const card = await owner.request({ method: 'GET', url: `/api/v1/customers/${c.id}` });
    expect(card.json()).toMatchObject({ mailing_name: 'Marie Gagnon', vehicles: [], do_not_mail: false });
    const list = await owner.request({
      method: 'GET',
      url: `/api/v1/customers?q=gagnon&location_id=${shop.locationId}`,
    });
    expect((list.json() as { items: unknown[] }).items).toHaveLength(1);

    const edit = await owner.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      payload: { do_not_mail: true, phone: '514-555-0000' },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({
      do_not_mail: true,
      do_not_mail_source: 'staff',
      do_not_mail_at: api.clock.now.toISOString(),
    });
    const log = await api.t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'customer')
      .where('action', '=', 'update')
      .execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      org_id: shop.orgId,
      actor_type: 'user',
      entity_id: String(c.id),
      changes: { do_not_mail: { from: false, to: true }, phone: { from: null, to: '514-555-0000' } },
    });

    expect((await owner.request({ method: 'DELETE', url: `/api/v1/customers/${c.id}` })).statusCode).toBe(
      204,
    );
    expect((await owner.request({ method: 'GET', url: `/api/v1/customers/${c.id}` })).statusCode).toBe(404);
  });

  it('shows the customer’s vehicles on the card', async () => {
    const c = await makeCustomer(api.t.db, shop);
    const v = await makeVehicle(api.t.db, shop, c.id, { make: 'Mazda', year: 2019 });
    const card = await owner.request({ method: 'GET', url: `/api/v1/customers/${c.id}` });
    expect(card.json()).toMatchObject({
      id: c.id,
      vehicles: [{ id: v.id, make: 'Mazda', year: 2019, vin: v.vin, status: 'active' }],
    });
  });

  it('pages with a cursor', async () => {
    for (let i = 0; i < 5; i++) await makeCustomer(api.t.db, shop);
    const first = (await owner.request({ method: 'GET', url: '/api/v1/customers?limit=3' })).json() as {
      items: Array<{ id: number }>;
      next_cursor: string;
    };
    expect(first.items).toHaveLength(3);
    const second = (
      await owner.request({ method: 'GET', url: `/api/v1/customers?limit=3&cursor=${first.next_cursor}` })
    ).json() as { items: Array<{ id: number }>; next_cursor: string | null };
    expect(second.items.length).toBeGreaterThanOrEqual(2);
    expect(second.items[0]!.id).toBeGreaterThan(first.items[2]!.id);
  });

  it('takes a mobile number in E.164 on create and edit, shows it on the card, and refuses others', async () => {
    const created = await owner.request({
      method: 'POST',
      url: '/api/v1/customers',
      payload: {
        location_id: shop.locationId,
        customer_number: 'MOB-1',
        mailing_name: 'Ana',
        mobile_phone: ' +15145550123 ',
      },
    });
    expect(created.statusCode).toBe(201);
    const c = created.json() as { id: number; mobile_phone: string };
    expect(c.mobile_phone).toBe('+15145550123');
    const stored = await api.t.db
      .selectFrom('customers')
      .select('mobile_phone')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(stored.mobile_phone).toBe('+15145550123');

    for (const bad of ['514-555-0123', '+0123456789', '+1', 'abc', 15145550123]) {
      const r = await owner.request({
        method: 'PATCH',
        url: `/api/v1/customers/${c.id}`,
        payload: { mobile_phone: bad },
      });
      expect({ bad, status: r.statusCode }).toEqual({ bad, status: 400 });
      expect(r.json()).toMatchObject({ error: { field: 'mobile_phone' } });
    }
    const edit = await owner.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      payload: { mobile_phone: '+33612345678' },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ mobile_phone: '+33612345678' });
    const card = await owner.request({ method: 'GET', url: `/api/v1/customers/${c.id}` });
    expect(card.json()).toMatchObject({ mobile_phone: '+33612345678' });
    const log = await api.t.db
      .selectFrom('audit_log')
      .select('changes')
      .where('entity', '=', 'customer')
      .where('entity_id', '=', String(c.id))
      .where('action', '=', 'update')
      .execute();
    expect(log.map((l) => l.changes)).toEqual([
      { mobile_phone: { from: '+15145550123', to: '+33612345678' } },
    ]);
    const cleared = await owner.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      payload: { mobile_phone: null },
    });
    expect(cleared.json()).toMatchObject({ mobile_phone: null });
  });

  it('withdraws consent for texts when staff change the mobile number (consent is for a number), not when they add the first one', async () => {
    const c = await makeCustomer(api.t.db, shop, { mobile_phone: null });
    for (const purpose of ['service', 'marketing'])
      expect(
        (
          await owner.request({
            method: 'PUT',
            url: `/api/v1/customers/${c.id}/consents/text/${purpose}`,
            payload: { basis: 'express', evidence: { text: 'Ticked the texts box, +15145550188' } },
          })
        ).statusCode,
      ).toBe(200);
    const textBases = async () => {
      const r = await owner.request({ method: 'GET', url: `/api/v1/customers/${c.id}` });
      const consents = (r.json() as { consents: Array<{ channel: string; purpose: string; basis: string }> })
        .consents;
      return consents.filter((x) => x.channel === 'text').map((x) => `${x.purpose}:${x.basis}`);
    };
    expect(await textBases()).toEqual(['service:express', 'marketing:express']);
    // The number typed in where there was none (consent given with it on a work order): kept.
    await owner.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      payload: { mobile_phone: '+15145550188' },
    });
    expect(await textBases()).toEqual(['service:express', 'marketing:express']);
    // Another field, or the same number again: the consent stays.
    await owner.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      payload: { phone: '514-555-0101', mobile_phone: '+15145550188' },
    });
    expect(await textBases()).toEqual(['service:express', 'marketing:express']);
    const edit = await owner.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      payload: { mobile_phone: '+15145550199' },
    });
    expect(edit.statusCode).toBe(200);
    expect(await textBases()).toEqual(['service:none', 'marketing:none']);
    const history = await api.t.db
      .selectFrom('customer_consent_history')
      .select(['purpose', 'basis', 'source', 'evidence'])
      .where('customer_id', '=', c.id)
      .where('basis', '=', 'none')
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      {
        purpose: 'service',
        basis: 'none',
        source: 'staff',
        evidence: {
          reason: 'mobile_phone_changed',
          from: '+15145550188',
          to: '+15145550199',
          user_id: expect.any(Number),
        },
      },
      {
        purpose: 'marketing',
        basis: 'none',
        source: 'staff',
        evidence: {
          reason: 'mobile_phone_changed',
          from: '+15145550188',
          to: '+15145550199',
          user_id: expect.any(Number),
        },
      },
    ]);
  });

  it('refuses a duplicate customer number with 409 naming the field', async () => {
    const body = { location_id: shop.locationId, customer_number: 'DUP', mailing_name: 'A' };
    expect(
      (await owner.request({ method: 'POST', url: '/api/v1/customers', payload: body })).statusCode,
    ).toBe(201);
    const again = await owner.request({ method: 'POST', url: '/api/v1/customers', payload: body });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'already_exists', field: 'customer_number' } });
  });
});
