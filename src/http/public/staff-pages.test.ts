// Staff pages outside the JSON API: the local mailbox (signed-in only, loopback only, never in
// production, each organization its own mail) and the password reset page (the user's language,
// CSRF-safe form, one use), through the real HTTP app and the mail catcher.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { backendName } from '../../../test/helpers/db.ts';
import { makeShop } from '../../../test/helpers/factories.ts';
import {
  createApiTest,
  makeOperator,
  makeStaff,
  PASSWORD,
  signIn,
  type ApiTest,
  type Client,
} from '../../../test/helpers/api.ts';
import { createLocation } from '../../tenancy/create-location.ts';
import { afterAnswers, buildApp } from '../app.ts';

let api: ApiTest;
let shopA: Awaited<ReturnType<typeof makeShop>>;
let shopB: Awaited<ReturnType<typeof makeShop>>;
let ownerA: { id: number; email: string };
let mailA: number;
let mailB: number;
let colleagueReset: number;

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const form = (values: Record<string, string>) => new URLSearchParams(values).toString();
const cookieOf = (res: LightMyRequestResponse, name: string) =>
  res.cookies.find((c) => c.name === name)?.value;
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
const noStack = (body: string) => expect(body).not.toMatch(/\.ts:\d+|\n\s+at /);

async function catchMail(orgId: number, to: string, subject: string, locationId: number | null = null) {
  const row = await api.t.db
    .insertInto('caught_mail')
    .values({
      org_id: orgId,
      location_id: locationId,
      message_id: `<${subject.replace(/\W/g, '')}@test>`,
      envelope_from: 'relance@localhost',
      envelope_to: [to],
      subject,
      raw: `Subject: ${subject}\r\n\r\nbody`,
      html: '<p>hi</p>',
      text: 'hi',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  api = await createApiTest();
  shopA = await makeShop(api.t.db);
  shopB = await makeShop(api.t.db);
  ownerA = await makeStaff(api.t.db, shopA, [{ locationId: shopA.locationId, role: 'owner' }]);
  const colleague = await makeStaff(api.t.db, shopA, [{ locationId: shopA.locationId, role: 'sales_rep' }]);
  mailA = await catchMail(shopA.orgId, 'client-a@example.test', 'Thank you from shop A', shopA.locationId);
  mailB = await catchMail(shopB.orgId, 'client-b@example.test', 'Thank you from shop B');
  colleagueReset = await catchMail(shopA.orgId, colleague.email, 'Reset link of a colleague');
});
afterAll(async () => api?.close());

const get = (url: string, client?: Client, headers: Record<string, string> = {}) =>
  client ? client.request({ method: 'GET', url, headers }) : api.app.inject({ method: 'GET', url, headers });

describe(`local mailbox on ${backendName}`, () => {
  it('shows nothing to an anonymous request: a sign-in form instead', async () => {
    for (const url of ['/mailbox', `/mailbox/${shopA.orgId}-${mailA}`]) {
      const res = await get(url);
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('action="/mailbox/sign-in"');
      expect(res.body).not.toContain('shop A');
      expect(res.body).not.toContain('client-a@example.test');
    }
  });

  it('shows staff their organization’s mail only, never another organization’s nor a colleague’s reset link', async () => {
    const owner = await signIn(api.app, ownerA.email);
    const list = await get('/mailbox', owner);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/mailbox/${shopA.orgId}-${mailA}`);
    expect(list.body).not.toContain('shop B');
    expect(list.body).not.toContain('Reset link of a colleague');
    expect((await get(`/mailbox/${shopA.orgId}-${mailA}`, owner)).body).toContain('Thank you from shop A');
    for (const key of [`${shopB.orgId}-${mailB}`, `${shopA.orgId}-${colleagueReset}`, 'x-1']) {
      const one = await get(`/mailbox/${key}`, owner);
      expect(one.statusCode, key).toBe(404);
      expect(one.body).not.toContain('shop B');
      expect(one.body).not.toContain('colleague');
    }
    // Staff of organization B see B's mail, not A's.
    const ownerB = await signIn(
      api.app,
      (await makeStaff(api.t.db, shopB, [{ locationId: shopB.locationId, role: 'owner' }])).email,
    );
    const listB = await get('/mailbox', ownerB);
    expect(listB.body).toContain('shop B');
    expect(listB.body).not.toContain('shop A');
    expect((await get(`/mailbox/${shopA.orgId}-${mailA}`, ownerB)).statusCode).toBe(404);
  });

  it('shows a reader of location 2 only neither location 1’s mail nor its pages', async () => {
    const second = await createLocation(api.t.db, shopA.orgId, { code: 'second', name: 'Second' });
    const mail2 = await catchMail(
      shopA.orgId,
      'client-2@example.test',
      'Reminder from location two',
      second.id,
    );
    const advisor2 = await signIn(
      api.app,
      (await makeStaff(api.t.db, shopA, [{ locationId: second.id, role: 'service_advisor' }])).email,
    );
    const list = await get('/mailbox', advisor2);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Reminder from location two');
    expect(list.body).not.toContain('Thank you from shop A');
    expect((await get(`/mailbox/${shopA.orgId}-${mailA}`, advisor2)).statusCode).toBe(404);
    expect((await get(`/mailbox/${shopA.orgId}-${mail2}`, advisor2)).statusCode).toBe(200);
    // The owner of location 1 only does not see location 2's mail either.
    const owner = await signIn(api.app, ownerA.email);
    const listA = await get('/mailbox', owner);
    expect(listA.body).toContain('Thank you from shop A');
    expect(listA.body).not.toContain('Reminder from location two');
  });

  it('shows mail of no location (caught before migration 0831) to organization-wide readers only, and a reader’s own mail to them', async () => {
    const shop = await makeShop(api.t.db);
    const two = await createLocation(api.t.db, shop.orgId, { code: 'two', name: 'Two' });
    const advisorTwo = await makeStaff(api.t.db, shop, [{ locationId: two.id, role: 'service_advisor' }]);
    const ownerOne = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
    const ownerAll = await makeStaff(api.t.db, shop, [
      { locationId: shop.locationId, role: 'owner' },
      { locationId: two.id, role: 'owner' },
    ]);
    const old = await catchMail(shop.orgId, 'old-client@example.test', 'Reminder caught before 0831');
    const own = await catchMail(shop.orgId, advisorTwo.email, 'Your own reset link');
    for (const [who, seesOld, seesOwn] of [
      [advisorTwo, false, true],
      [ownerOne, false, false],
      [ownerAll, true, false],
    ] as const) {
      const client = await signIn(api.app, who.email);
      const list = await get('/mailbox', client);
      expect(list.statusCode).toBe(200);
      expect(list.body.includes('Reminder caught before 0831'), who.email).toBe(seesOld);
      expect(list.body.includes('Your own reset link'), who.email).toBe(seesOwn);
      expect((await get(`/mailbox/${shop.orgId}-${old}`, client)).statusCode).toBe(seesOld ? 200 : 404);
      expect((await get(`/mailbox/${shop.orgId}-${own}`, client)).statusCode).toBe(seesOwn ? 200 : 404);
    }
  });

  it('refuses a role that may not read messages, and shows the operator every organization', async () => {
    const tech = await signIn(
      api.app,
      (await makeStaff(api.t.db, shopA, [{ locationId: shopA.locationId, role: 'technician' }])).email,
    );
    const refused = await get('/mailbox', tech);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('shop A');
    const op = await signIn(api.app, (await makeOperator(api.t.db)).email);
    const all = await get('/mailbox', op);
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('shop A');
    expect(all.body).toContain('shop B');
  });

  it('answers loopback clients only, and does not exist in production or with SMTP', async () => {
    const owner = await signIn(api.app, ownerA.email);
    const remote = await api.app.inject({
      method: 'GET',
      url: '/mailbox',
      remoteAddress: '203.0.113.9',
      headers: { cookie: `relance_session=${owner.cookie}` },
    });
    expect(remote.statusCode).toBe(404);
    expect(remote.body).not.toContain('shop A');
    for (const config of [
      { ...api.ctx.config, NODE_ENV: 'production' as const },
      { ...api.ctx.config, SMTP_URL: 'smtp://127.0.0.1:1' },
    ]) {
      const app = await buildApp({ ...api.ctx, config });
      try {
        const res = await app.inject({
          method: 'GET',
          url: '/mailbox',
          headers: { cookie: `relance_session=${owner.cookie}` },
        });
        expect(res.statusCode).toBe(404);
        expect(res.body).not.toContain('shop A');
      } finally {
        await app.close();
      }
    }
  });

  it('signs in through its form (CSRF double-submit, the same limiter) and then lists the shop’s mail, in the user’s language', async () => {
    const staff = await makeStaff(api.t.db, shopA, [{ locationId: shopA.locationId, role: 'manager' }]);
    await api.t.db.updateTable('users').set({ language: 'fr' }).where('id', '=', staff.id).execute();
    const blank = await get('/mailbox', undefined, { 'accept-language': 'es' });
    expect(blank.body).toContain('Iniciar sesión');
    const formCookie = cookieOf(blank, 'relance_form')!;
    const csrf = csrfOf(blank.body);
    expect(csrf).toBe(formCookie);
    // Without the cookie (another site posting the form): refused, no session.
    const forged = await api.app.inject({
      method: 'POST',
      url: '/mailbox/sign-in',
      headers: FORM,
      payload: form({ _csrf: csrf, email: staff.email, password: PASSWORD }),
    });
    expect(forged.statusCode).toBe(403);
    expect(cookieOf(forged, 'relance_session')).toBeUndefined();
    const wrong = await api.app.inject({
      method: 'POST',
      url: '/mailbox/sign-in',
      headers: { ...FORM, cookie: `relance_form=${formCookie}` },
      payload: form({ _csrf: csrf, email: staff.email, password: 'wrong password' }),
    });
    expect(wrong.statusCode).toBe(401);
    const ok = await api.app.inject({
      method: 'POST',
      url: '/mailbox/sign-in',
      headers: { ...FORM, cookie: `relance_form=${formCookie}` },
      payload: form({ _csrf: csrf, email: staff.email, password: PASSWORD }),
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/mailbox');
    const session = cookieOf(ok, 'relance_session')!;
    const list = await api.app.inject({
      method: 'GET',
      url: '/mailbox',
      headers: { cookie: `relance_session=${session}` },
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Boîte aux lettres');
    expect(list.body).toContain('Thank you from shop A');
  });
});

describe('password reset page', () => {
  async function requestReset(email: string) {
    expect(
      (await api.app.inject({ method: 'POST', url: '/api/v1/password-reset', payload: { email } }))
        .statusCode,
    ).toBe(202);
    await afterAnswers(api.app);
    const mail = await api.t.db
      .selectFrom('caught_mail')
      .select(['raw', 'subject', 'org_id'])
      .where(sql<boolean>`${email} = ANY(envelope_to)`)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const text = (await simpleParser(mail.raw)).text ?? '';
    const link = /(https:\/\/relance\.test\/reset-password\?token=\S+)/.exec(text)![1]!;
    return {
      mail,
      text,
      path: link.replace('https://relance.test', ''),
      token: decodeURIComponent(new URL(link).searchParams.get('token')!),
    };
  }

  it('mails the link in the user’s language; the page sets the new password once, with CSRF protection', async () => {
    const staff = await makeStaff(api.t.db, shopA, [{ locationId: shopA.locationId, role: 'crm_agent' }]);
    await api.t.db.updateTable('users').set({ language: 'es' }).where('id', '=', staff.id).execute();
    const old = await signIn(api.app, staff.email);
    const { mail, text, path, token } = await requestReset(staff.email);
    expect(mail.subject).toBe('Restablezca su contraseña de Relance');
    expect(text).toContain('en el plazo de una hora');
    expect(mail.org_id).toBe(shopA.orgId);

    // GET shows the form in Spanish, changes nothing, is not cached and sends no referrer.
    const page = await api.app.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('Guardar mi contraseña nueva');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(
      (
        await api.t.db
          .selectFrom('password_resets')
          .select('used_at')
          .where('user_id', '=', staff.id)
          .executeTakeFirstOrThrow()
      ).used_at,
    ).toBeNull();
    const formCookie = cookieOf(page, 'relance_form')!;
    const csrf = csrfOf(page.body);
    const post = (values: Record<string, string>, cookie = `relance_form=${formCookie}`) =>
      api.app.inject({
        method: 'POST',
        url: '/reset-password',
        headers: { ...FORM, cookie },
        payload: form(values),
      });

    const noCookie = await post(
      { _csrf: csrf, token, password: 'un secreto nuevo', confirm: 'un secreto nuevo' },
      '',
    );
    expect(noCookie.statusCode).toBe(403);
    const mismatch = await post({
      _csrf: csrf,
      token,
      password: 'un secreto nuevo',
      confirm: 'otro secreto nuevo',
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('Las dos contraseñas no son iguales.');
    const short = await post({ _csrf: csrf, token, password: 'corto', confirm: 'corto' });
    expect(short.body).toContain('al menos 10 caracteres');
    expect((await signIn(api.app, staff.email)).csrf).toBeTruthy(); // still the old password

    const done = await post({
      _csrf: csrf,
      token,
      password: 'un secreto nuevo',
      confirm: 'un secreto nuevo',
    });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Su contraseña se cambió');
    expect((await old.request({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    expect((await signIn(api.app, staff.email, 'un secreto nuevo')).csrf).toBeTruthy();
    const again = await post({
      _csrf: csrf,
      token,
      password: 'otra clave distinta',
      confirm: 'otra clave distinta',
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('no es válido');
    const audit = await api.t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'user')
      .where('entity_id', '=', String(staff.id))
      .where('action', '=', 'reset_password')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('answers a bad link in the reader’s language, escapes what it echoes, and never shows a stack trace', async () => {
    const bad = await api.app.inject({
      method: 'GET',
      url: `/reset-password?token=${encodeURIComponent('"><script>alert(1)</script>')}`,
      headers: { 'accept-language': 'fr-CA,fr;q=0.9' },
    });
    expect(bad.statusCode).toBe(404);
    expect(bad.body).toContain('Demandez-en un nouveau');
    expect(bad.body).not.toContain('<script>');
    const staff = await makeStaff(api.t.db, shopA, [{ locationId: shopA.locationId, role: 'crm_agent' }]);
    await api.t.db.updateTable('users').set({ name: '<b>Évelyne</b>' }).where('id', '=', staff.id).execute();
    const { path } = await requestReset(staff.email);
    const page = await api.app.inject({ method: 'GET', url: path });
    expect(page.body).toContain('<html lang="en">');
    for (const payload of ['token[]=x&password=1', '%ff%fe=1', '']) {
      const res = await api.app.inject({ method: 'POST', url: '/reset-password', headers: FORM, payload });
      expect(res.statusCode, payload).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, payload).toBeLessThan(500);
      noStack(res.body);
    }
  });
});
