// The public booking page of a location, for visitors not in the file: embeddable, the request
// reaches the shop only once the visitor opens the emailed link (once, however often opened), a
// honeypot and a signed form token keep bots out, and requests are rate limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, backendName, type TestDatabase } from '../../../test/helpers/db.ts';
import { testContext } from '../../../test/helpers/delivery.ts';
import { makeBookableShop, PortalBrowser } from '../../../test/helpers/portal.ts';
import { makeStaff, signIn } from '../../../test/helpers/api.ts';
import { settleBackground } from '../../portal/background.ts';
import { signToken } from '../../security/keys.ts';
import type { AppContext } from '../../context.ts';
import { buildApp } from '../app.ts';

let t: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
const now = new Date('2026-03-10T14:00:00Z');
let shop: Awaited<ReturnType<typeof makeBookableShop>>;
let page: string;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = testContext(t, {}, () => now);
  app = await buildApp(ctx);
  shop = await makeBookableShop(t.db, { language: 'fr', business_name: 'Garage Visiteurs' });
  page = `/book/${shop.orgId}/${shop.location.code}`;
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const mailTo = async (address: string) =>
  (await t.db.selectFrom('caught_mail').selectAll().orderBy('id').execute()).filter((m) =>
    m.envelope_to.includes(address),
  );
const formToken = (body: string) => /name="_form" value="([^"]+)"/.exec(body)?.[1] ?? '';
const visitorAppointments = () =>
  t.db
    .selectFrom('appointments')
    .selectAll()
    .where('org_id', '=', shop.orgId)
    .where('customer_id', 'is', null)
    .execute();

describe(`public booking page on ${backendName}`, () => {
  it('is embeddable, in the location’s language without a browser preference, with free times', async () => {
    const res = await app.inject({ method: 'GET', url: `${page}?date=2026-03-11` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-language']).toBe('fr');
    expect(res.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.body).toContain('Prendre rendez-vous chez Garage Visiteurs');
    expect(res.body).toContain('value="2026-03-11T12:00:00.000Z"');
    expect(res.body).toContain('name="website"'); // the honeypot
    expect((await app.inject({ method: 'GET', url: `/book/${shop.orgId}/nope` })).statusCode).toBe(404);
  });

  it('sends the request to the shop only after the emailed link is opened, once', async () => {
    const b = new PortalBrowser(app, { 'accept-language': 'es' });
    const form = await b.get(`${page}?date=2026-03-11`);
    const sent = await b.post(page, {
      _form: formToken(form.body),
      name: 'Visitante <Uno>',
      email: 'visitor1@example.test',
      phone: '514 555 0123',
      service: 'Frenos',
      starts_at: '2026-03-11T15:00:00.000Z',
      lang: 'es',
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('Confirme su correo');
    await settleBackground();
    expect(await visitorAppointments()).toHaveLength(0);
    const mail = await mailTo('visitor1@example.test');
    expect(mail).toHaveLength(1);
    const link = /(\/book\/confirm\/[A-Za-z0-9_.-]+)/.exec(mail[0]!.text!)![1]!;
    const confirm = await b.get(link);
    expect(confirm.body).toContain('Enviarla al taller');
    expect(await visitorAppointments()).toHaveLength(0); // a GET (a mail scanner) books nothing
    const done = await b.post(link, {});
    expect(done.statusCode).toBe(200);
    await b.get(link);
    await b.post(link, {});
    const booked = await visitorAppointments();
    expect(booked).toHaveLength(1);
    expect(booked[0]).toMatchObject({
      status: 'requested',
      source: 'portal',
      visitor_name: 'Visitante <Uno>',
      visitor_email: 'visitor1@example.test',
      visitor_language: 'es',
      service_requested: 'Frenos',
    });
    const task = await t.db
      .selectFrom('staff_tasks')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'APPOINTMENT_REQUEST')
      .execute();
    expect(task).toHaveLength(1);
  });

  it('still books from a confirmation link mailed in the old format within its day', async () => {
    const link = `/book/confirm/${signToken(
      ctx.keys,
      {
        o: shop.orgId,
        l: shop.locationId,
        n: 'Old Link',
        e: 'old-link@example.test',
        ph: null,
        g: 'en',
        s: '2026-03-12T15:00:00.000Z',
        v: null,
        p: 'vb',
      },
      new Date(now.getTime() + 86_400_000),
    )}`;
    const b = new PortalBrowser(app);
    expect((await b.get(link)).statusCode).toBe(200);
    expect((await b.post(link, {})).statusCode).toBe(200);
    const booked = (await visitorAppointments()).filter((a) => a.visitor_email === 'old-link@example.test');
    expect(booked).toHaveLength(1);
    expect(new Date(booked[0]!.starts_at).toISOString()).toBe('2026-03-12T15:00:00.000Z');
  });

  it('keeps bots out: honeypot filled or form token missing sends nothing; too many requests are refused', async () => {
    const b = new PortalBrowser(app);
    const form = await b.get(`${page}?date=2026-03-11`);
    const values = {
      name: 'Bot',
      email: 'bot@example.test',
      starts_at: '2026-03-11T16:00:00.000Z',
    };
    const honeypot = await b.post(page, {
      ...values,
      _form: formToken(form.body),
      website: 'http://spam.test',
    });
    expect(honeypot.statusCode).toBe(200); // the same answer as a real request
    const noToken = await b.post(page, values);
    expect(noToken.statusCode).toBe(403);
    await settleBackground();
    expect(await mailTo('bot@example.test')).toHaveLength(0);

    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const f = await b.get(`${page}?date=2026-03-11`);
      const res = await b.post(page, { ...values, email: 'flood@example.test', _form: formToken(f.body) });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    await settleBackground();
    expect(await mailTo('flood@example.test')).toHaveLength(3);
  });
});

describe('embed snippet', () => {
  it('is an iframe of the location’s booking page that the page allows', async () => {
    const { bookingSnippet } = await import('../../portal/booking-snippet.ts');
    const snippet = bookingSnippet('http://relance.test', shop.location);
    const src = /src="http:\/\/relance\.test([^"]+)"/.exec(snippet)![1]!;
    expect(snippet).toContain('title="Rendez-vous en ligne"');
    const res = await app.inject({ method: 'GET', url: src.replace(/&amp;/g, '&') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain('frame-ancestors *');
  });

  it('is served to the console per language, each page answering in its language', async () => {
    const staff = await makeStaff(t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
    const client = await signIn(app, staff.email);
    const res = await client.request({
      method: 'GET',
      url: `/api/v1/locations/${shop.locationId}/booking-page`,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      url: string;
      language: string;
      languages: Record<'en' | 'fr' | 'es', { url: string; snippet: string }>;
    };
    expect(body.url).toBe(`http://relance.test/book/${shop.orgId}/${shop.location.code}`);
    expect(body.language).toBe('fr');
    const titles = { en: 'Book online', fr: 'Rendez-vous en ligne', es: 'Cita en línea' };
    for (const l of ['en', 'fr', 'es'] as const) {
      const { url, snippet } = body.languages[l];
      expect(url).toBe(`${body.url}?lang=${l}`);
      expect(snippet).toContain(`src="${url}"`);
      expect(snippet).toContain(`title="${titles[l]}"`);
      const page = await app.inject({ method: 'GET', url: url.replace('http://relance.test', '') });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-language']).toBe(l);
    }
  });
});
