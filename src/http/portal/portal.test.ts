// The portal through the real HTTP app and database: sign-in by emailed one-time link (same
// answer for unknown addresses, single use, 15 minutes), the file edit raising P01, a request in
// a free slot that staff confirm (E05 with its .ics), move and cancel, the data download, CSRF and
// headers. Mail is caught locally (no SMTP_URL) and read back from caught_mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, backendName, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeVehicle } from '../../../test/helpers/factories.ts';
import { makeBookableShop, PortalBrowser, signedInBrowser } from '../../../test/helpers/portal.ts';
import { makeStaff, signIn } from '../../../test/helpers/api.ts';
import { makeRepairOrder } from '../../../test/helpers/engine.ts';
import { makeMessage, testContext } from '../../../test/helpers/delivery.ts';
import type { AppContext } from '../../context.ts';
import { settleBackground } from '../../portal/background.ts';
import { signToken } from '../../security/keys.ts';
import { PREFERENCES_TEXT_VERSION } from '../../i18n/portal-strings.ts';
import { runWorker } from '../../delivery/worker/run-worker.ts';
import { buildApp } from '../app.ts';

let t: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
const clock = { now: new Date('2026-03-10T14:00:00Z') }; // a Tuesday, 10:00 in Toronto
let shop: Awaited<ReturnType<typeof makeBookableShop>>;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = testContext(t, {}, () => clock.now);
  app = await buildApp(ctx);
  shop = await makeBookableShop(t.db, { language: 'fr' });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const mailTo = async (address: string) =>
  (await t.db.selectFrom('caught_mail').selectAll().orderBy('id').execute()).filter((m) =>
    m.envelope_to.some((to) => to.toLowerCase() === address.toLowerCase()),
  );

describe(`portal sign-in on ${backendName}`, () => {
  it('answers the same for a known and an unknown address, and mails a link only to the known one', async () => {
    const customer = await makeCustomer(t.db, shop, { email: 'Known@Example.test', language: 'es' });
    const b = new PortalBrowser(app);
    const form = await b.get('/portal/sign-in');
    expect(form.statusCode).toBe(200);
    const known = await b.post('/portal/sign-in', { email: 'known@example.test' });
    await b.get('/portal/sign-in');
    const unknown = await b.post('/portal/sign-in', { email: 'nobody@example.test' });
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(known.body.replace('known@example.test', 'X')).toBe(
      unknown.body.replace('nobody@example.test', 'X'),
    );
    await settleBackground();
    expect(await mailTo('nobody@example.test')).toHaveLength(0);
    const mails = await mailTo('Known@Example.test');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Garage Test'); // in Spanish: "Su enlace de acceso a …"
    expect(mails[0]!.subject).toMatch(/^Su enlace/);
    const link = /http:\/\/relance\.test(\/portal\/link\/[A-Za-z0-9_.-]+)/.exec(mails[0]!.text!)![1]!;

    // GET only shows a button (mail scanners follow links); the POST signs in.
    const page = await b.get(link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Abrir mi expediente');
    const signedIn = await b.post(link, {});
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/portal');
    const home = await b.get('/portal');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(customer.mailing_name);
    expect(home.headers['content-language']).toBe('es');

    // Single use: a second browser with the same link is sent to sign in again.
    const other = new PortalBrowser(app);
    await other.get(link);
    expect(other.last!.statusCode).toBe(303);
    expect(other.last!.headers.location).toBe('/portal/sign-in?expired');
  });

  it('refuses a link after 15 minutes, and a session is not a staff session', async () => {
    await makeCustomer(t.db, shop, { email: 'late@example.test' });
    const b = new PortalBrowser(app);
    await b.get('/portal/sign-in');
    await b.post('/portal/sign-in', { email: 'late@example.test' });
    await settleBackground();
    const link = /(\/portal\/link\/[A-Za-z0-9_.-]+)/.exec((await mailTo('late@example.test'))[0]!.text!)![1]!;
    const saved = clock.now;
    clock.now = new Date(saved.getTime() + 15 * 60_000 + 1000);
    try {
      await b.get(link);
      expect(b.last!.headers.location).toBe('/portal/sign-in?expired');
    } finally {
      clock.now = saved;
    }
    // A portal cookie opens nothing of the staff API.
    const c = await makeCustomer(t.db, shop);
    const portal = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const api = await app.inject({
      method: 'GET',
      url: '/api/v1/customers',
      headers: { cookie: [...portal.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(api.statusCode).toBe(401);
  });

  it('a session lasts 12 hours at most, whatever the activity; signing out ends it', async () => {
    const c = await makeCustomer(t.db, shop);
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const saved = clock.now;
    try {
      clock.now = new Date(saved.getTime() + 12 * 3600_000 - 60_000);
      expect((await b.get('/portal')).statusCode).toBe(200);
      clock.now = new Date(saved.getTime() + 12 * 3600_000 + 1000);
      const late = await b.get('/portal');
      expect(late.statusCode).toBe(303);
      expect(late.headers.location).toBe('/portal/sign-in');
    } finally {
      clock.now = saved;
    }
    const s = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const token = s.cookies.get('relance_portal')!;
    const out = await s.post('/portal/sign-out', {});
    expect(out.headers.location).toBe('/portal/sign-in?out');
    // The cookie is cleared, and the session itself is gone: the old cookie opens nothing.
    const replay = new PortalBrowser(app);
    replay.cookies.set('relance_portal', token);
    expect((await replay.get('/portal')).headers.location).toBe('/portal/sign-in');
  });

  it('answers /portal/ (trailing slash) as /portal: to sign in when signed out, the home page when signed in', async () => {
    const out = new PortalBrowser(app);
    for (const url of ['/portal', '/portal/', '/portal/?done=moved']) {
      const res = await out.get(url);
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toBe('/portal/sign-in');
    }
    const c = await makeCustomer(t.db, shop, { language: 'en', mailing_name: 'Slash Customer' });
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const home = await b.get('/portal');
    const slash = await b.get('/portal/?done=moved');
    expect(slash.statusCode).toBe(200);
    expect(slash.headers['content-security-policy']).toBe(home.headers['content-security-policy']);
    expect(slash.body).toContain('Hello Slash Customer');
    expect(slash.body).toContain('Your appointment is moved.');
  });

  it('speaks the customer’s language, else the location’s', async () => {
    const none = await makeCustomer(t.db, shop, { language: null }); // shop: a French location
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: none.id }, clock.now);
    expect(b.last!.headers['content-language']).toBe('fr');
    const es = await makeCustomer(t.db, shop, { language: 'es' });
    const e = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: es.id }, clock.now);
    expect(e.last!.headers['content-language']).toBe('es');
  });

  it('limits link requests per address in the database, shared by every web process', async () => {
    const second = await buildApp(ctx); // another web process on the same database
    try {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        const b = new PortalBrowser(i % 2 ? second : app);
        await b.get('/portal/sign-in');
        codes.push((await b.post('/portal/sign-in', { email: 'flood@example.test' })).statusCode);
      }
      expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
      await settleBackground();
    } finally {
      await second.close();
    }
  });

  it('still signs in with links mailed or printed in the old format, until they expire', async () => {
    const c = await makeCustomer(t.db, shop);
    const DAY = 86_400_000;
    // What the portal's own token module signed before the links moved to security/signed-links.
    const old = (payload: Record<string, unknown>, days: number) =>
      signToken(ctx.keys, payload, new Date(clock.now.getTime() + days * DAY));
    const go = async (token: string) => {
      const b = new PortalBrowser(app);
      const res = await b.get(`/portal/go/${token}`);
      return res.headers.location;
    };
    expect(await go(old({ o: shop.orgId, c: c.id, p: 'pm' }, 59))).toBe('/portal');
    expect(await go(old({ o: shop.orgId, c: c.id, p: 'pq' }, 119))).toBe('/portal');
    expect(await go(old({ o: shop.orgId, c: c.id, p: 'pm' }, -1))).toBe('/portal/sign-in?expired');
    // Another use's token of that time (a visitor booking, an unsubscribe link) signs nobody in.
    expect(await go(old({ o: shop.orgId, c: c.id, p: 'vb' }, 1))).toBe('/portal/sign-in?expired');
    expect(await go(old({ o: shop.orgId, c: c.id, m: 1 }, 1))).toBe('/portal/sign-in?expired');
  });

  it('rejects a form POST without its CSRF token and changes nothing', async () => {
    const c = await makeCustomer(t.db, shop, { city: 'Laval' });
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const res = await b.post('/portal/file', { city: 'Hacked' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    const row = await t.db
      .selectFrom('customers')
      .select('city')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.city).toBe('Laval');
    expect(res.body).not.toMatch(/\.ts:\d+|\n\s+at /);
  });

  it('the sign-in forms refuse a POST without their CSRF token: no link mailed, a link not used up', async () => {
    await makeCustomer(t.db, shop, { email: 'csrf@example.test' });
    const b = new PortalBrowser(app);
    await b.get('/portal/sign-in');
    const refused = await b.post('/portal/sign-in', { email: 'csrf@example.test' }, { csrf: false });
    expect(refused.statusCode).toBe(403);
    await settleBackground();
    expect(await mailTo('csrf@example.test')).toHaveLength(0);
    await b.get('/portal/sign-in');
    await b.post('/portal/sign-in', { email: 'csrf@example.test' });
    await settleBackground();
    const link = /(\/portal\/link\/[A-Za-z0-9_.-]+)/.exec((await mailTo('csrf@example.test'))[0]!.text!)![1]!;
    await b.get(link);
    const forged = await b.post(link, {}, { csrf: false });
    expect(forged.headers.location).toBe(link); // back to its page: not signed in, the link not used
    expect(b.cookies.has('relance_portal')).toBe(false);
    await b.get(link);
    expect((await b.post(link, {})).headers.location).toBe('/portal');
  });

  it('sends security headers and no script', async () => {
    const c = await makeCustomer(t.db, shop);
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const res = b.last!;
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['content-security-policy']).not.toContain('script-src');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.body).not.toContain('<script');
    const cookie = (await app.inject({ method: 'GET', url: '/portal/sign-in' })).cookies.find(
      (x) => x.name === 'relance_form',
    );
    expect(cookie?.httpOnly).toBe(true);
  });
});

describe(`portal file, booking and appointments on ${backendName}`, () => {
  it('edits the file: saved, audited, and P01 raised with what changed', async () => {
    const c = await makeCustomer(t.db, shop, {
      first_name: 'Ana',
      last_name: 'Lopez',
      city: 'Laval',
      language: 'fr',
    });
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    await b.get('/portal/file');
    expect(b.last!.body).toContain('Mes coordonnées');
    const saved = await b.post('/portal/file', {
      first_name: 'Ana',
      last_name: 'López <b>',
      phone: '514-555-0111',
      address_line1: '',
      address_line2: '',
      city: 'Montréal',
      region: '',
      postal_code: '',
      language: 'fr',
    });
    expect(saved.statusCode).toBe(303);
    const after = await t.db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({ city: 'Montréal', last_name: 'López <b>', mailing_name: 'Ana López <b>' });
    const p01 = await t.db
      .selectFrom('messages')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'P01')
      .where('customer_id', '=', c.id)
      .execute();
    expect(p01).toHaveLength(1);
    expect(p01[0]!.payload).toMatchObject({
      changes: { city: { from: 'Laval', to: 'Montréal' }, phone: { to: '514-555-0111' } },
    });
    const page = await b.get('/portal/file?saved');
    expect(page.body).toContain('López &lt;b&gt;');
    expect(page.body).not.toContain('López <b>');
    // Bad input: a 400 in the customer's language naming the field; nothing half-written.
    await b.get('/portal/file');
    const bad = await b.post('/portal/file', { city: 'x'.repeat(101) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ville : 100 caractères au plus.');
  });

  it('changes consent per purpose and channel: recorded with the form’s wording as evidence, P01 raised', async () => {
    const c = await makeCustomer(t.db, shop, {
      language: 'fr',
      consent_basis: 'implied_purchase',
      consent_date: '2026-01-15',
    });
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const ticked = (body: string) =>
      [...body.matchAll(/name="(pref_\w+)" value="on"( checked)?/g)].map((m) => `${m[1]}${m[2] ? '+' : '-'}`);
    const form = await b.get('/portal/file');
    expect(form.body).toContain('Messages de Garage Test');
    expect(form.body).toContain('Offres et nouvelles');
    expect(ticked(form.body)).toEqual([
      'pref_service_email+',
      'pref_service_postcard+',
      'pref_marketing_email+',
      'pref_marketing_postcard+',
    ]);
    // No more offers by email; the rest stays as it was.
    const prefs = { prefs: '1', pref_service_email: 'on', pref_service_postcard: 'on' };
    const saved = await b.post('/portal/file', { ...prefs, pref_marketing_postcard: 'on' });
    expect(saved.statusCode).toBe(303);
    const consents = () =>
      t.db
        .selectFrom('customer_consent_history')
        .select(['channel', 'purpose', 'basis', 'previous_basis', 'source', 'evidence'])
        .where('org_id', '=', shop.orgId)
        .where('customer_id', '=', c.id)
        .orderBy('id')
        .execute();
    const history = await consents();
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      channel: 'email',
      purpose: 'marketing',
      basis: 'none',
      previous_basis: null, // no row of its own before: the customer's default applied
      source: 'portal',
      evidence: {
        form: 'portal_file',
        text_version: PREFERENCES_TEXT_VERSION,
        language: 'fr',
        text: expect.stringContaining('Cochez ce que Garage Test peut vous envoyer'),
      },
    });
    const p01 = await t.db
      .selectFrom('messages')
      .select('payload')
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'P01')
      .where('customer_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(p01.payload).toMatchObject({
      changes: { 'consent.email.marketing': { from: 'implied_purchase', to: 'none' } },
    });
    expect(ticked((await b.get('/portal/file?saved')).body)).toEqual([
      'pref_service_email+',
      'pref_service_postcard+',
      'pref_marketing_email-',
      'pref_marketing_postcard+',
    ]);
    // Ticked again: express consent, given in the portal. Saving the same again records nothing.
    const all = { ...prefs, pref_marketing_email: 'on', pref_marketing_postcard: 'on' };
    await b.post('/portal/file', all);
    await b.get('/portal/file');
    expect((await b.post('/portal/file', all)).body).toContain('Rien n’a changé.');
    expect((await consents()).map((h) => `${h.channel}.${h.purpose}:${h.basis}`)).toEqual([
      'email.marketing:none',
      'email.marketing:express',
    ]);
    // No more service postcards: recorded for that channel and purpose only.
    await b.get('/portal/file');
    await b.post('/portal/file', { ...all, pref_service_postcard: '' });
    expect(b.last!.statusCode).toBe(400); // an unknown value is refused, naming the section
    expect(b.last!.body).toContain('Messages de Garage Test : cette valeur n’est pas valide.');
    const { pref_service_postcard: _, ...noServicePostcards } = all;
    await b.post('/portal/file', noServicePostcards);
    const rows = await t.db
      .selectFrom('customer_consents')
      .select(['channel', 'purpose', 'basis'])
      .where('org_id', '=', shop.orgId)
      .where('customer_id', '=', c.id)
      .orderBy(['channel', 'purpose'])
      .execute();
    expect(rows).toEqual([
      { channel: 'email', purpose: 'marketing', basis: 'express' },
      { channel: 'postcard', purpose: 'service', basis: 'none' },
    ]);
  });

  it('lets a customer who stopped everything choose again, in their language; a stop by the shop stays', async () => {
    const c = await makeCustomer(t.db, shop, {
      language: 'es',
      do_not_mail: true,
      do_not_mail_source: 'unsubscribe_link',
    });
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const form = await b.get('/portal/file');
    expect(form.body).toContain('Mensajes de Garage Test');
    expect(form.body).not.toMatch(/name="pref_\w+" value="on" checked/);
    await b.post('/portal/file', { prefs: '1', pref_service_email: 'on' });
    expect(b.last!.statusCode).toBe(303);
    const after = await t.db
      .selectFrom('customers')
      .select(['do_not_mail', 'do_not_mail_source'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ do_not_mail: false, do_not_mail_source: null });
    const rows = await t.db
      .selectFrom('customer_consents')
      .select(['channel', 'purpose', 'basis'])
      .where('org_id', '=', shop.orgId)
      .where('customer_id', '=', c.id)
      .orderBy(['channel', 'purpose'])
      .execute();
    // Only what was ticked: everything else is recorded as withdrawn.
    expect(rows).toEqual([
      { channel: 'email', purpose: 'marketing', basis: 'none' },
      { channel: 'postcard', purpose: 'marketing', basis: 'none' },
      { channel: 'postcard', purpose: 'service', basis: 'none' },
    ]);

    const stopped = await makeCustomer(t.db, shop, {
      language: 'en',
      do_not_mail: true,
      do_not_mail_source: 'staff',
    });
    const s = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: stopped.id }, clock.now);
    const page = await s.get('/portal/file');
    expect(page.body).toContain('Garage Test has stopped all messages to you.');
    await s.post('/portal/file', { prefs: '1', pref_service_email: 'on' });
    const still = await t.db
      .selectFrom('customers')
      .select('do_not_mail')
      .where('id', '=', stopped.id)
      .executeTakeFirstOrThrow();
    expect(still.do_not_mail).toBe(true);
  });

  it('gives and withdraws consent for texts, with the wording and the number as evidence, only where texts are offered', async () => {
    await t.db
      .updateTable('locations')
      .set({ sms_enabled: true })
      .where('id', '=', shop.locationId)
      .execute();
    try {
      const c = await makeCustomer(t.db, shop, { language: 'es', mobile_phone: '+15145550190' });
      const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
      const ticked = (body: string) =>
        [...body.matchAll(/name="(pref_\w+)" value="on"( checked)?/g)].map(
          (m) => `${m[1]}${m[2] ? '+' : '-'}`,
        );
      const form = await b.get('/portal/file');
      expect(form.body).toContain('Los mensajes de texto se envían al +15145550190');
      expect(form.body).toContain('name="prefs_text"');
      const shown = ticked(form.body);
      // No consent for texts on file: both text boxes unticked (no default applies to texts).
      expect(shown.filter((x) => x.includes('_text'))).toEqual([
        'pref_service_text-',
        'pref_marketing_text-',
      ]);
      const same = Object.fromEntries(
        shown.filter((x) => x.endsWith('+') && !x.includes('_text')).map((x) => [x.slice(0, -1), 'on']),
      );
      const history = () =>
        t.db
          .selectFrom('customer_consent_history')
          .select(['channel', 'purpose', 'basis', 'source', 'evidence'])
          .where('org_id', '=', shop.orgId)
          .where('customer_id', '=', c.id)
          .orderBy('id')
          .execute();

      // Offers by text: express consent for marketing texts, with the form's words and the number.
      const gave = await b.post('/portal/file', {
        prefs: '1',
        prefs_text: '1',
        ...same,
        pref_marketing_text: 'on',
      });
      expect(gave.statusCode).toBe(303);
      expect(await history()).toEqual([
        {
          channel: 'text',
          purpose: 'marketing',
          basis: 'express',
          source: 'portal',
          evidence: {
            form: 'portal_file',
            text_version: PREFERENCES_TEXT_VERSION,
            language: 'es',
            phone: '+15145550190',
            text: expect.stringContaining('Aceptar no es condición de ninguna compra') as unknown,
          },
        },
      ]);
      // As the send worker reads it: marketing texts may go, and so may service texts.
      const after = ticked((await b.get('/portal/file?saved')).body).filter((x) => x.includes('_text'));
      expect(after).toEqual(['pref_service_text+', 'pref_marketing_text+']);
      const p01 = await t.db
        .selectFrom('messages')
        .select('payload')
        .where('org_id', '=', shop.orgId)
        .where('kind', '=', 'P01')
        .where('customer_id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(p01.payload).toMatchObject({
        changes: { 'consent.text.marketing': { from: null, to: 'express' } },
      });

      // Withdrawn: both unticked records marketing withdrawn and service withdrawn.
      await b.post('/portal/file', { prefs: '1', prefs_text: '1', ...same });
      const rows = await t.db
        .selectFrom('customer_consents')
        .select(['purpose', 'basis'])
        .where('org_id', '=', shop.orgId)
        .where('customer_id', '=', c.id)
        .where('channel', '=', 'text')
        .orderBy('purpose')
        .execute();
      expect(rows).toEqual([
        { purpose: 'marketing', basis: 'none' },
        { purpose: 'service', basis: 'none' },
      ]);
      expect(ticked((await b.get('/portal/file')).body).filter((x) => x.includes('_text'))).toEqual([
        'pref_service_text-',
        'pref_marketing_text-',
      ]);

      // No mobile number on file: no text boxes, and a forged text choice records nothing.
      const plain = await makeCustomer(t.db, shop, { language: 'en', mobile_phone: null });
      const p = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: plain.id }, clock.now);
      const page = await p.get('/portal/file');
      expect(page.body).not.toContain('pref_marketing_text');
      await p.post('/portal/file', { prefs: '1', prefs_text: '1', pref_marketing_text: 'on' });
      const forged = await t.db
        .selectFrom('customer_consents')
        .select('basis')
        .where('org_id', '=', shop.orgId)
        .where('customer_id', '=', plain.id)
        .where('channel', '=', 'text')
        .execute();
      expect(forged).toEqual([]);
    } finally {
      await t.db
        .updateTable('locations')
        .set({ sms_enabled: false })
        .where('id', '=', shop.locationId)
        .execute();
    }
  });

  it('requests a free slot, staff confirm (E05 with .ics), the customer moves it, then cancels it', async () => {
    const c = await makeCustomer(t.db, shop, { language: 'en', email: 'booker@example.test' });
    const v = await makeVehicle(t.db, shop, c.id, { make: 'Honda', model: 'Civic' });
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const page = await b.get('/portal/book?date=2026-03-11');
    expect(page.statusCode).toBe(200);
    // Toronto is UTC-4 after 8 March 2026: 8:00 local is 12:00Z, the last 1-hour slot starts 16:00 local.
    expect(page.body).toContain('value="2026-03-11T12:00:00.000Z"');
    expect(page.body).toContain('value="2026-03-11T20:00:00.000Z"');
    expect(page.body).not.toContain('value="2026-03-11T20:30:00.000Z"');
    const sent = await b.post('/portal/book', {
      vehicle_id: String(v.id),
      starts_at: '2026-03-11T13:00:00.000Z',
      service: 'Oil change',
      date: '2026-03-11',
    });
    expect(sent.statusCode).toBe(303);
    const appt = await t.db
      .selectFrom('appointments')
      .selectAll()
      .where('customer_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(appt).toMatchObject({
      status: 'requested',
      source: 'portal',
      vehicle_id: v.id,
      mechanic_id: shop.mechanicId,
    });
    const task = await t.db
      .selectFrom('staff_tasks')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'APPOINTMENT_REQUEST')
      .where('customer_id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(task.assigned_role).toBe('service_advisor');
    // The slot is now taken for everyone.
    const again = await b.get('/portal/book?date=2026-03-11');
    expect(again.body).not.toContain('value="2026-03-11T13:00:00.000Z"');
    const taken = await b.post('/portal/book', { starts_at: '2026-03-11T13:00:00.000Z', date: '2026-03-11' });
    expect(taken.statusCode).toBe(409);

    // Staff confirm through the API: E05 goes out with its calendar invitation.
    const advisor = await makeStaff(t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
    const staff = await signIn(app, advisor.email);
    const confirm = await staff.request({
      method: 'POST',
      url: `/api/v1/appointments/${appt.id}/status`,
      payload: { status: 'confirmed' },
    });
    expect(confirm.statusCode).toBe(200);
    await runWorker(ctx, { once: true });
    const e05 = (await mailTo('booker@example.test')).filter((m) => m.raw.includes('text/calendar'));
    expect(e05).toHaveLength(1);
    const parsed = await simpleParser(e05[0]!.raw);
    const ics = parsed.attachments.find(
      (a) => a.contentType.includes('calendar') || a.filename?.endsWith('.ics'),
    );
    expect(ics?.content.toString('utf8')).toContain('DTSTART;TZID=America/Toronto:20260311T090000');

    // Move it: the old time's waiting messages are cancelled, a new E05 is queued for the new time.
    await t.db
      .insertInto('messages')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        kind: 'E04',
        channel: 'email',
        customer_id: c.id,
        appointment_id: appt.id,
        due_on: '2026-03-10',
        dedupe_key: `test-e04-${appt.id}`,
        payload: JSON.stringify({}),
      })
      .execute();
    await b.get(`/portal/appointments/${appt.id}/move?date=2026-03-12`);
    expect(b.last!.statusCode).toBe(200);
    const moved = await b.post(`/portal/appointments/${appt.id}/move`, {
      starts_at: '2026-03-12T18:00:00.000Z',
      date: '2026-03-12',
    });
    expect(moved.statusCode).toBe(303);
    const messages = await t.db
      .selectFrom('messages')
      .select(['kind', 'status', 'reason', 'payload'])
      .where('appointment_id', '=', appt.id)
      .orderBy('id')
      .execute();
    expect(messages.find((m) => m.kind === 'E04')).toMatchObject({
      status: 'cancelled',
      reason: 'appointment_moved',
    });
    const e05s = messages.filter((m) => m.kind === 'E05');
    expect(e05s).toHaveLength(2);
    expect(e05s[1]).toMatchObject({ status: 'pending' });
    expect(JSON.stringify(e05s[1]!.payload)).toContain('2026-03-12T18:00:00');
    const movedRow = await t.db
      .selectFrom('appointments')
      .selectAll()
      .where('id', '=', appt.id)
      .executeTakeFirstOrThrow();
    expect(movedRow).toMatchObject({ status: 'confirmed' });
    expect(movedRow.starts_at.toISOString()).toBe('2026-03-12T18:00:00.000Z');

    // Cancel it.
    await b.get('/portal');
    const cancelled = await b.post(`/portal/appointments/${appt.id}/cancel`, {});
    expect(cancelled.statusCode).toBe(303);
    const final = await t.db
      .selectFrom('appointments')
      .select('status')
      .where('id', '=', appt.id)
      .executeTakeFirstOrThrow();
    expect(final.status).toBe('cancelled');
    // Its waiting messages (the E05 of the new time) are cancelled; the calendar that holds the
    // confirmed time gets a cancellation; the advisors are told.
    const after = await t.db
      .selectFrom('messages')
      .select(['kind', 'status', 'reason', 'payload'])
      .where('appointment_id', '=', appt.id)
      .where('kind', '=', 'E05')
      .orderBy('id')
      .execute();
    expect(after.map((m) => `${m.status}:${m.reason ?? ''}`)).toEqual([
      'sent:',
      'cancelled:appointment_cancelled',
      'pending:',
    ]);
    expect(after[2]!.payload).toMatchObject({ appointment_cancelled: true });
    const told = await t.db
      .selectFrom('staff_tasks')
      .select(['kind', 'assigned_role'])
      .where('org_id', '=', shop.orgId)
      .where('customer_id', '=', c.id)
      .where('kind', '=', 'APPOINTMENT_CANCELLED')
      .execute();
    expect(told).toHaveLength(1);
    const home = await b.get('/portal?done=cancelled');
    expect(home.body).toContain('Your appointment is cancelled.');
  });

  it('shows a vehicle’s maintenance grid (by date and distance) and its service history', async () => {
    const c = await makeCustomer(t.db, shop, { language: 'en' });
    const v = await makeVehicle(t.db, shop, c.id, { make: 'Honda', model: 'Civic', usage_unit: 'km' });
    await makeRepairOrder(t.db, shop, {
      customerId: c.id,
      vehicleId: v.id,
      closedOn: '2025-11-04',
      odometer: 42_000,
      isMaintenance: true,
      lines: ['Oil and filter change', 'Tire rotation'],
    });
    await makeRepairOrder(t.db, shop, { customerId: c.id, vehicleId: v.id, closedOn: null }); // open: not history
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const page = await b.get(`/portal/vehicles/${v.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Maintenance grid');
    // The grid scrolls sideways on a phone: a named region reachable by keyboard (axe: scrollable-region-focusable).
    expect(page.body).toContain(
      '<div class="scroll" tabindex="0" role="region" aria-label="Maintenance grid">',
    );
    const rows = [...page.body.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map(
      (m) => ({
        item: m[1]!,
        last: m[2]!,
        next: m[3]!,
      }),
    );
    expect(rows.length).toBeGreaterThan(0);
    // Done at the last visit: last done on that day at that distance; next due by a date and a distance.
    const done = rows.filter((r) => r.last.includes('42,000 km'));
    expect(done.length).toBeGreaterThan(0);
    for (const r of done) expect(r.next).toMatch(/20\d\d.*·.*\d{2},\d{3} km/);
    expect(page.body).toContain('Service history');
    expect(page.body).toContain('Oil and filter change, Tire rotation');
    expect(page.body.match(/<li><strong>/g)).toHaveLength(1);
  });

  it('lists the surveys waiting for an answer; answering one takes it off the list', async () => {
    const c = await makeCustomer(t.db, shop, { language: 'en' });
    const other = await makeCustomer(t.db, shop, { language: 'en' });
    const survey = (customerId: number, status: 'sent' | 'pending') =>
      makeMessage(t.db, shop, {
        kind: 'E03',
        customer_id: customerId,
        language: 'en',
        status,
        sent_at: status === 'sent' ? new Date('2026-03-05T15:00:00Z') : null,
      });
    await survey(c.id, 'sent');
    await survey(c.id, 'pending'); // not sent yet: nothing to answer
    await survey(other.id, 'sent');
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const list = await b.get('/portal/surveys');
    expect(list.statusCode).toBe(200);
    const links = [...list.body.matchAll(/href="(\/s\/[^"]+)"/g)].map((m) => m[1]!);
    expect(links).toHaveLength(1);
    const form = await app.inject({ method: 'GET', url: links[0]! });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="rating"');
    const answered = await app.inject({
      method: 'POST',
      url: links[0]!,
      payload: 'rating=5&comment=Great',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answered.statusCode).toBe(200);
    const after = await b.get('/portal/surveys');
    expect(after.body).not.toContain('href="/s/');
    expect(after.body).toContain('No survey waiting for an answer.');
  });

  it('downloads what is held about the customer, and only that', async () => {
    const c = await makeCustomer(t.db, shop, { mailing_name: 'Data Owner' });
    const v = await makeVehicle(t.db, shop, c.id, { vin: 'MINEVIN0000000001' });
    const other = await makeCustomer(t.db, shop, { mailing_name: 'Someone Else' });
    await makeVehicle(t.db, shop, other.id, { vin: 'OTHERVIN000000001' });
    const b = await signedInBrowser(app, t.db, { orgId: shop.orgId, customerId: c.id }, clock.now);
    const res = await b.get('/portal/data');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json() as { customer: { mailing_name: string }; vehicles: Array<{ id: number }> };
    expect(data.customer.mailing_name).toBe('Data Owner');
    expect(data.vehicles.map((x) => x.id)).toEqual([v.id]);
    expect(res.body).not.toContain('OTHERVIN');
    expect(res.body).not.toContain('Someone Else');
  });
});
