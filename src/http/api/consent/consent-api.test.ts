// Issue 14 through the API and the public unsubscribe page: consent with its expiry and history,
// an unsubscribe that reaches every record of the address in the organization (and no other
// organization), staff unable to undo a customer's own opt-out without new evidenced consent,
// and the privacy export and erasure, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../../test/helpers/factories.ts';
import { makeRepairOrder } from '../../../../test/helpers/engine.ts';
import { createShopApiTest, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { createLocation } from '../../../tenancy/create-location.ts';
import { unsubscribeUrl } from '../../../delivery/merge/links.ts';
import { recordConsent } from '../../../commands/record-consent.ts';

let api: ApiTest;
let owner: Client;
let shop: Awaited<ReturnType<typeof makeShop>>;
beforeAll(async () => {
  ({ api, shop, owner } = await createShopApiTest());
});
afterAll(async () => api?.close());

type Consent = {
  channel: string;
  purpose: string;
  basis: string | null;
  expires_on: string | null;
  hold_reason: string | null;
};
const pick = (list: Consent[], channel: string, purpose: string) =>
  list.find((c) => c.channel === channel && c.purpose === purpose)!;

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const unsubscribePath = (orgId: number, customerId: number) =>
  new URL(
    unsubscribeUrl(
      { publicUrl: 'https://relance.test', keys: api.ctx.keys, now: api.clock.now },
      { org: orgId, customer: customerId, message: null },
    ),
  ).pathname;

describe(`consent API on ${backendName}`, () => {
  it('shows each channel × purpose with the expiry its basis implies, recomputed from the latest invoice', async () => {
    const c = await makeCustomer(api.t.db, shop, {
      consent_basis: 'implied_purchase',
      consent_date: '2024-03-01',
    });
    const card = await owner.request({ method: 'GET', url: `/api/v1/customers/${c.id}` });
    expect(card.statusCode).toBe(200);
    const before = (card.json() as { consents: Consent[] }).consents;
    expect(before).toHaveLength(6);
    expect(pick(before, 'email', 'marketing')).toMatchObject({
      basis: 'implied_purchase',
      expires_on: '2026-03-01',
      hold_reason: 'consent_expired',
    });
    expect(pick(before, 'email', 'service')).toMatchObject({ hold_reason: null });
    // An invoice arrives: two more years from it.
    await makeRepairOrder(api.t.db, shop, { customerId: c.id, vehicleId: null, closedOn: '2026-03-09' });
    const res = await owner.request({ method: 'GET', url: `/api/v1/customers/${c.id}/consents` });
    expect(pick((res.json() as { consents: Consent[] }).consents, 'postcard', 'marketing')).toMatchObject({
      expires_on: '2028-03-09',
      hold_reason: null,
    });
  });

  it('records consent with its evidence and keeps the history', async () => {
    const c = await makeCustomer(api.t.db, shop, { consent_basis: null });
    const put = await owner.request({
      method: 'PUT',
      url: `/api/v1/customers/${c.id}/consents/email/marketing`,
      payload: {
        basis: 'implied_inquiry',
        given_on: '2026-03-01',
        evidence: { text: 'Asked for a quote by phone' },
      },
    });
    expect(put.statusCode).toBe(200);
    const out = put.json() as { consents: Consent[]; history: Array<{ basis: string; evidence: unknown }> };
    expect(pick(out.consents, 'email', 'marketing')).toMatchObject({
      basis: 'implied_inquiry',
      expires_on: '2026-09-01',
      hold_reason: null,
    });
    expect(pick(out.consents, 'postcard', 'marketing')).toMatchObject({
      basis: null,
      hold_reason: 'no_consent',
    });
    expect(out.history).toHaveLength(1);
    expect(out.history[0]!.evidence).toMatchObject({ text: 'Asked for a quote by phone' });
    // Service needs no consent, but declined on a channel the engine holds it there (no_consent):
    // the card says so too.
    const declined = await owner.request({
      method: 'PUT',
      url: `/api/v1/customers/${c.id}/consents/postcard/service`,
      payload: { basis: 'none', evidence: { text: 'No postcards, said at the counter' } },
    });
    expect(declined.statusCode).toBe(200);
    const after = (declined.json() as { consents: Consent[] }).consents;
    expect(pick(after, 'postcard', 'service')).toMatchObject({ basis: 'none', hold_reason: 'no_consent' });
    expect(pick(after, 'email', 'service')).toMatchObject({ basis: 'exempt', hold_reason: null });
    const bad = await owner.request({
      method: 'PUT',
      url: `/api/v1/customers/${c.id}/consents/fax/marketing`,
      payload: { basis: 'express' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('unsubscribe and re-subscribe', () => {
  it('"marketing only" withdraws marketing consent for every record of the address in the organization, not in another', async () => {
    const second = await createLocation(api.t.db, shop.orgId, {
      code: `second${Date.now()}`,
      name: 'Second',
    });
    const a = await makeCustomer(api.t.db, shop, { email: 'Same@Example.test' });
    const b = await makeCustomer(
      api.t.db,
      { orgId: shop.orgId, locationId: second.id },
      { email: 'same@example.test' },
    );
    const elsewhere = await makeShop(api.t.db);
    const other = await makeCustomer(api.t.db, elsewhere, { email: 'same@example.test' });
    const path = unsubscribePath(shop.orgId, a.id);
    const page = await api.app.inject({ method: 'GET', url: path });
    expect(page.body).toContain('name="choice" value="marketing"');
    const res = await api.app.inject({
      method: 'POST',
      url: path,
      payload: 'choice=marketing',
      headers: form,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('offers or promotions');
    const rows = await api.t.db
      .selectFrom('customer_consents')
      .select(['customer_id', 'channel', 'basis', 'source'])
      .where('purpose', '=', 'marketing')
      .where('customer_id', 'in', [a.id, b.id, other.id])
      .orderBy('customer_id')
      .orderBy('channel')
      .execute();
    expect(rows.map((r) => [r.customer_id, r.channel, r.basis, r.source])).toEqual(
      [a.id, b.id].flatMap((id) =>
        ['email', 'postcard', 'text'].map((ch) => [id, ch, 'none', 'unsubscribe']),
      ),
    );
    const dnm = await api.t.db
      .selectFrom('customers')
      .select(['id', 'do_not_mail'])
      .where('id', 'in', [a.id, b.id, other.id])
      .execute();
    expect(dnm.every((r) => r.do_not_mail === false)).toBe(true);
  });

  it('one-click stops everything for every record of the address; staff cannot undo it without new evidenced consent', async () => {
    const second = await createLocation(api.t.db, shop.orgId, { code: `third${Date.now()}`, name: 'Third' });
    const a = await makeCustomer(api.t.db, shop, { email: 'oneclick@example.test' });
    const b = await makeCustomer(
      api.t.db,
      { orgId: shop.orgId, locationId: second.id },
      { email: 'ONECLICK@example.test' },
    );
    const res = await api.app.inject({
      method: 'POST',
      url: unsubscribePath(shop.orgId, a.id),
      payload: 'List-Unsubscribe=One-Click',
      headers: form,
    });
    expect(res.statusCode).toBe(200);
    const after = await api.t.db
      .selectFrom('customers')
      .select(['do_not_mail', 'do_not_mail_source'])
      .where('id', 'in', [a.id, b.id])
      .execute();
    expect(after).toEqual([
      { do_not_mail: true, do_not_mail_source: 'list_unsubscribe' },
      { do_not_mail: true, do_not_mail_source: 'list_unsubscribe' },
    ]);

    const patch = await owner.request({
      method: 'PATCH',
      url: `/api/v1/customers/${a.id}`,
      payload: { do_not_mail: false },
      headers: { 'accept-language': 'fr' },
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json()).toMatchObject({ error: { code: 'customer_opted_out', field: 'do_not_mail' } });
    const implied = await owner.request({
      method: 'PUT',
      url: `/api/v1/customers/${a.id}/consents/email/marketing`,
      payload: { basis: 'implied_purchase', evidence: { text: 'bought tires' } },
    });
    expect(implied.statusCode).toBe(409);
    const noEvidence = await owner.request({
      method: 'PUT',
      url: `/api/v1/customers/${a.id}/consents/email/marketing`,
      payload: { basis: 'express' },
    });
    expect(noEvidence.statusCode).toBe(422);
    expect(noEvidence.json()).toMatchObject({
      error: { code: 'consent_evidence_required', field: 'evidence' },
    });
    const still = await api.t.db
      .selectFrom('customers')
      .select('do_not_mail')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(still.do_not_mail).toBe(true);

    const ok = await owner.request({
      method: 'PUT',
      url: `/api/v1/customers/${a.id}/consents/email/marketing`,
      payload: { basis: 'express', evidence: { text: 'Signed the consent form at the counter, 2026-03-10' } },
    });
    expect(ok.statusCode).toBe(200);
    const back = await api.t.db
      .selectFrom('customers')
      .select(['do_not_mail', 'do_not_mail_source'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(back).toEqual({ do_not_mail: false, do_not_mail_source: null });
    const audit = await api.t.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity', '=', 'customer')
      .where('entity_id', '=', String(a.id))
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['unsubscribe', 'record_consent']);
  });
});

describe('a withdrawal the customer made in the portal', () => {
  it('is the customer’s own opt-out too: staff cannot put it back with an implied basis, nor express without evidence', async () => {
    const c = await makeCustomer(api.t.db, shop, {
      consent_basis: 'implied_purchase',
      consent_date: '2026-01-15',
    });
    // What the portal's "My details" form writes when the customer unticks offers by email.
    await api.t.db.transaction().execute((trx) =>
      recordConsent(
        trx,
        {
          orgId: shop.orgId,
          actor: { type: 'customer', id: c.id },
          userId: null,
          locationIds: [shop.locationId],
        },
        {
          customerId: c.id,
          channel: 'email',
          purpose: 'marketing',
          basis: 'none',
          source: 'portal',
          givenOn: null,
          evidence: { form: 'portal_file', text: 'Offers and news by email' },
        },
        () => api.clock.now,
      ),
    );
    const implied = await owner.request({
      method: 'PUT',
      url: `/api/v1/customers/${c.id}/consents/email/marketing`,
      payload: { basis: 'implied_purchase', evidence: { text: 'bought tires' } },
    });
    expect(implied.statusCode).toBe(409);
    expect(implied.json()).toMatchObject({ error: { code: 'customer_opted_out' } });
    const bare = await owner.request({
      method: 'PUT',
      url: `/api/v1/customers/${c.id}/consents/email/marketing`,
      payload: { basis: 'express' },
    });
    expect(bare.statusCode).toBe(422);
    const card = await owner.request({ method: 'GET', url: `/api/v1/customers/${c.id}/consents` });
    expect(pick((card.json() as { consents: Consent[] }).consents, 'email', 'marketing')).toMatchObject({
      basis: 'none',
      hold_reason: 'no_consent',
    });
    const ok = await owner.request({
      method: 'PUT',
      url: `/api/v1/customers/${c.id}/consents/email/marketing`,
      payload: { basis: 'express', evidence: { text: 'Asked again for offers by email, at the counter' } },
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('privacy: export and erasure', () => {
  it('exports everything about one customer as JSON and CSV, audited', async () => {
    const c = await makeCustomer(api.t.db, shop, { mailing_name: 'Export Me', phone: '514-555-1234' });
    const v = await makeVehicle(api.t.db, shop, c.id);
    await makeRepairOrder(api.t.db, shop, {
      customerId: c.id,
      vehicleId: v.id,
      closedOn: '2026-02-01',
      lines: ['Oil'],
    });
    const res = await owner.request({ method: 'POST', url: `/api/v1/customers/${c.id}/personal-data` });
    expect(res.statusCode).toBe(200);
    const out = res.json() as { data: Record<string, Array<Record<string, unknown>>>; csv: string };
    expect(out.data.customer![0]).toMatchObject({ mailing_name: 'Export Me', phone: '514-555-1234' });
    expect(out.data.vehicles).toHaveLength(1);
    expect(out.data.repair_orders).toHaveLength(1);
    expect(out.data.repair_order_lines).toHaveLength(1);
    expect(out.csv.split('\r\n')[0]).toBe('table,row,field,value');
    expect(out.csv).toContain('customer,1,mailing_name,Export Me\r\n');
    expect(out.csv).toContain(`vehicles,1,vin,${v.vin}\r\n`);
    const log = await api.t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(c.id))
      .where('action', '=', 'export_personal_data')
      .execute();
    expect(log).toHaveLength(1);
  });

  it('erases by anonymizing: the person is gone, the counts stay', async () => {
    const c = await makeCustomer(api.t.db, shop, {
      mailing_name: 'Erase Me',
      email: 'erase@example.test',
      birthday: '1980-01-02',
    });
    const v = await makeVehicle(api.t.db, shop, c.id);
    await makeRepairOrder(api.t.db, shop, { customerId: c.id, vehicleId: v.id, closedOn: '2026-02-01' });
    const count = async (table: 'vehicles' | 'repair_orders' | 'customers') =>
      (
        await api.t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = [await count('customers'), await count('vehicles'), await count('repair_orders')];
    const res = await owner.request({ method: 'POST', url: `/api/v1/customers/${c.id}/erase` });
    expect(res.statusCode).toBe(200);
    expect([await count('customers'), await count('vehicles'), await count('repair_orders')]).toEqual(before);
    const row = await api.t.db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      mailing_name: `Erased customer ${c.id}`,
      email: null,
      birthday: null,
      do_not_mail: true,
      last_visit_on: '2026-02-01',
    });
    const vehicle = await api.t.db
      .selectFrom('vehicles')
      .selectAll()
      .where('id', '=', v.id)
      .executeTakeFirstOrThrow();
    expect(vehicle.vin).toBe(`ERASED-${v.id}`);
    const log = await api.t.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity_id', '=', String(c.id))
      .orderBy('id')
      .execute();
    expect(log.at(-1)!.action).toBe('erase_personal_data');
    expect(JSON.stringify(log)).not.toContain('Erase Me');
  });
});

describe('identification in the settings', () => {
  it('GET settings says what General settings lack to send', async () => {
    const ok = await owner.request({ method: 'GET', url: `/api/v1/locations/${shop.locationId}/settings` });
    expect(ok.json()).toMatchObject({ identification_missing: [] });
    await api.t.db
      .updateTable('locations')
      .set({ business_phone: null, business_email: null, postal_code: ' ' })
      .where('id', '=', shop.locationId)
      .execute();
    const res = await owner.request({ method: 'GET', url: `/api/v1/locations/${shop.locationId}/settings` });
    expect(res.json()).toMatchObject({ identification_missing: ['mailing_address', 'contact'] });
  });
});
