// A message on the customer's file as it was sent: the email's subject, HTML and text rendered
// again from the message's own data; the postcard as its printed PDF; a text's caught copy; only
// the customer's own messages (another customer's message id is 404).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../../test/helpers/db.ts';
import { makeCustomer, makeShop } from '../../../../test/helpers/factories.ts';
import { createShopApiTest, type ApiTest, type Client } from '../../../../test/helpers/api.ts';

let api: ApiTest;
let owner: Client;
let shop: Awaited<ReturnType<typeof makeShop>>;
let customerId: number;
let otherId: number;
const ids: Record<string, number> = {};

beforeAll(async () => {
  ({ api, shop, owner } = await createShopApiTest());
  const c = await makeCustomer(api.t.db, shop, {
    mailing_name: 'Marie Gagnon',
    first_name: 'Marie',
    language: 'fr',
    address_line1: '12 rue Principale',
    city: 'Laval',
    region: 'QC',
    postal_code: 'H7N 1A1',
    country: 'CA',
  });
  customerId = c.id;
  otherId = (await makeCustomer(api.t.db, shop)).id;
  for (const channel of ['email', 'postcard', 'sms'] as const) {
    const m = await api.t.db
      .insertInto('messages')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        kind: 'THANK_YOU',
        channel,
        customer_id: c.id,
        language: 'fr',
        due_on: '2026-03-01',
        dedupe_key: `sent-${channel}`,
        status: 'sent',
        sent_at: new Date('2026-03-01T14:00:00Z'),
        payload: { vehicles: [{ id: 1, year: 2021, make: 'Toyota', model: 'RAV4', plate: 'FXR 482' }] },
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[channel] = m.id;
  }
  await api.t.db
    .insertInto('caught_texts')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      message_id: ids.sms!,
      to_number: '+15145550100',
      body: 'Merci Marie ! Garage test',
      encoding: 'GSM-7',
      segments: 1,
    })
    .execute();
});
afterAll(async () => api?.close());

const content = (cid: number, mid: number) =>
  owner.request({ method: 'GET', url: `/api/v1/customers/${cid}/messages/${mid}/content` });

describe(`messages shown as sent on ${backendName}`, () => {
  it('an email: subject, HTML and text part, from the shipped template, in the customer’s language', async () => {
    const res = await content(customerId, ids.email!);
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json() as { subject: string; html: string; text: string; template: { source: string } };
    expect(m.subject.length).toBeGreaterThan(0);
    expect(m.html).toMatch(/<html/i);
    expect(m.html).toContain('Marie');
    expect(m.text).toContain('Marie');
    expect(m.template.source).toBe('shipped');
  });

  it('a postcard: its printed card as a PDF (front and back, the customer’s address)', async () => {
    const res = await content(customerId, ids.postcard!);
    expect(res.json()).toMatchObject({ channel: 'postcard', html: null });
    const pdf = await owner.request({
      method: 'GET',
      url: `/api/v1/customers/${customerId}/messages/${ids.postcard!}/postcard`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'sent-postcard-'));
    writeFileSync(join(dir, 'c.pdf'), pdf.rawPayload);
    expect(execFileSync('pdfinfo', [join(dir, 'c.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+2/);
    expect(execFileSync('pdftotext', [join(dir, 'c.pdf'), '-'], { encoding: 'utf8' })).toContain(
      '12 rue Principale',
    );
    const notPostcard = await owner.request({
      method: 'GET',
      url: `/api/v1/customers/${customerId}/messages/${ids.email!}/postcard`,
    });
    expect(notPostcard.statusCode).toBe(404);
  });

  it('a text: the copy kept when it was sent', async () => {
    const res = await content(customerId, ids.sms!);
    expect(res.json()).toMatchObject({
      text: 'Merci Marie ! Garage test',
      template: { source: 'caught_copy' },
    });
  });

  it('says when the shop edited the template after the message went out', async () => {
    await api.t.db
      .insertInto('templates')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        kind: 'THANK_YOU',
        channel: 'email',
        language: 'fr',
        subject: 'Merci {{first_name}}',
        body: '<mj-text>Bonjour {{first_name}}</mj-text>',
        updated_at: new Date('2026-03-05T00:00:00Z'),
      })
      .execute();
    const m = (await content(customerId, ids.email!)).json() as {
      subject: string;
      template: { source: string; changed_since_sent: boolean };
    };
    expect(m.template).toMatchObject({ source: 'override', changed_since_sent: true });
    expect(m.subject).toBe('Merci Marie');
  });

  it('another customer’s message is not found through this customer', async () => {
    expect((await content(otherId, ids.email!)).statusCode).toBe(404);
  });
});
