// The text template preview: the text with sample data and its cost in segments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { makeShop } from '../../../../test/helpers/factories.ts';

let api: ApiTest;
let owner: Client;
let shop: { orgId: number; locationId: number };

beforeAll(async () => {
  api = await createApiTest();
  shop = await makeShop(api.t.db, { business_name: 'Garage Test', sms_enabled: true });
  const user = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
  owner = await signIn(
    api.app,
    (await api.t.db.selectFrom('users').select('email').where('id', '=', user.id).executeTakeFirstOrThrow())
      .email,
  );
});
afterAll(async () => api.close());

const preview = (body: Record<string, unknown>) =>
  owner.request({
    method: 'POST',
    url: `/api/v1/locations/${shop.locationId}/text-templates/preview`,
    payload: body,
  });

describe('text template preview', () => {
  it('renders the shipped text with a short link, GSM-7 in one segment', async () => {
    const res = await preview({ kind: 'THANK_YOU', language: 'en' });
    expect(res.statusCode).toBe(200);
    const p = res.json() as {
      body: string;
      encoding: string;
      segments: number;
      characters: number;
      nonGsm: string[];
    };
    expect(p.body).toMatch(
      /^Garage Test: thank you for your visit, .*! Your account: https:\/\/relance\.test\/t\/\d+\/Sample0K Reply STOP to opt out$/,
    );
    expect(p.characters).toBe(p.body.length);
  });

  it('a draft with an accent outside GSM-7 switches to UCS-2 and costs more segments', async () => {
    const gsm = 'a'.repeat(100);
    const a = (await preview({ kind: 'THANK_YOU', language: 'fr', body: `${gsm} {{business_name}}` })).json();
    expect(a).toMatchObject({ encoding: 'GSM-7', segments: 1, nonGsm: [] });
    const b = (
      await preview({ kind: 'THANK_YOU', language: 'fr', body: `${gsm} {{business_name}} â` })
    ).json();
    expect(b).toMatchObject({ encoding: 'UCS-2', segments: 2, nonGsm: ['â'] });
  });

  it('refuses an unknown merge field and a kind not sent by text, naming the field', async () => {
    const bad = await preview({ kind: 'THANK_YOU', language: 'en', body: 'Hi {{nickname}}' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_input', field: 'body' } });
    const staff = await preview({ kind: 'P01', language: 'en' });
    expect(staff.statusCode).toBe(400);
    expect(staff.json()).toMatchObject({ error: { field: 'kind' } });
  });

  it('saves a text override (channel sms, body only), listed, refused when it is not a text', async () => {
    const url = `/api/v1/locations/${shop.locationId}/templates/THANK_YOU/sms/fr`;
    const shipped = await owner.request({
      method: 'GET',
      url: '/api/v1/shipped-templates?kind=THANK_YOU&channel=sms&language=fr',
    });
    expect(shipped.json()).toMatchObject({ items: [{ channel: 'sms', subject: '' }] });
    expect((shipped.json() as { items: { body: string }[] }).items[0]!.body).toContain('{{short_link}}');
    const saved = await owner.request({
      method: 'PUT',
      url,
      payload: { body: 'Merci {{mailing_name}} ! {{short_link}}' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ channel: 'sms', subject: null, version: 1 });
    const listed = await owner.request({
      method: 'GET',
      url: `/api/v1/locations/${shop.locationId}/templates?kind=THANK_YOU&channel=sms&language=fr`,
    });
    expect(listed.json()).toMatchObject({ items: [{ body: 'Merci {{mailing_name}} ! {{short_link}}' }] });
    // Refused: an unknown field, a subject, a kind not sent by text; nothing saved.
    const unknown = await owner.request({ method: 'PUT', url, payload: { body: 'Hi {{nickname}}' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'unknown_merge_field', field: 'body' } });
    const subject = await owner.request({ method: 'PUT', url, payload: { subject: 'x', body: 'Hi' } });
    expect(subject.json()).toMatchObject({ error: { field: 'subject' } });
    const survey = await owner.request({
      method: 'PUT',
      url: `/api/v1/locations/${shop.locationId}/templates/E03/sms/fr`,
      payload: { body: 'Hi' },
    });
    expect(survey.json()).toMatchObject({ error: { field: 'kind' } });
    const reverted = await owner.request({ method: 'DELETE', url });
    expect(reverted.statusCode).toBeLessThan(300);
  });
});
