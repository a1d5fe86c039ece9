// The portal in a real Chromium (Debian's, through playwright-core), on a phone-sized screen, in
// each language: ask for a link → read it in the local mailbox (caught mail) → sign in → edit the
// file and a preference (consent history) → the mobile number: a wrong one refused on its field,
// a new one saved (consent for texts given for the old one withdrawn, texts offered again for
// the new one) → the P01 task reaches the CRM agent → request a slot → staff confirm → E05 with
// its .ics arrives → move it → the old reminder is cancelled and the daily run writes the new
// one. Every page shown (and the surveys page and the visitor booking page) is in the customer's
// language (its document's lang) and checked by axe-core: no serious or critical WCAG 2 A/AA
// violation. The shared browser helpers (test/helpers/browser.ts) launch Chromium, run axe and
// write a screenshot of each page to test-results/portal/ (not committed). PostgreSQL only
// (DATABASE_URL), to keep CI's PGlite run short.
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  documentLanguage,
  launchChromium,
  seriousViolations,
  shotsIn,
} from '../../../test/helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeVehicle } from '../../../test/helpers/factories.ts';
import { testContext } from '../../../test/helpers/delivery.ts';
import { makeBookableShop } from '../../../test/helpers/portal.ts';
import { makeStaff, signIn } from '../../../test/helpers/api.ts';
import { runShopDays } from '../../../test/helpers/engine.ts';
import type { AppContext } from '../../context.ts';
import type { Language } from '../../db/schema.ts';
import { runWorker } from '../../delivery/worker/run-worker.ts';
import { settleBackground } from '../../portal/background.ts';
import { buildApp } from '../app.ts';

const screenshot = shotsIn('portal');
const clock = { now: new Date('2026-03-10T14:00:00Z') }; // Tuesday 10:00 in Toronto
let t: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let base: string;
let browser: Browser;

const SEEN: Record<
  Language,
  {
    sent: string;
    open: string;
    save: string;
    saved: string;
    send: string;
    requested: string;
    move: string;
    moveTo: string;
    moved: string;
    mobile: string;
    mobileRefused: string;
    mobileSaved: string;
  }
> = {
  en: {
    sent: 'Check your email',
    open: 'Open my file',
    save: 'Save',
    saved: 'Saved. The shop has been told about the change.',
    send: 'Send my request',
    requested: 'Requested, waiting for the shop',
    move: 'Move',
    moveTo: 'Move it to this time',
    moved: 'Your appointment is moved.',
    mobile: 'Mobile number',
    mobileRefused: 'Mobile number: type it with + and the country code, like +1\u00a0514\u00a0555\u00a00123.',
    mobileSaved: 'Saved. To get texts at +14385550199, tick “By text message” below and save.',
  },
  fr: {
    sent: 'Consultez vos courriels',
    open: 'Ouvrir mon dossier',
    save: 'Enregistrer',
    saved: 'Enregistré. Le garage a été informé du changement.',
    send: 'Envoyer ma demande',
    requested: 'Demandé, en attente du garage',
    move: 'Déplacer',
    moveTo: 'Le déplacer à cette heure',
    moved: 'Votre rendez-vous est déplacé.',
    mobile: 'Numéro de cellulaire',
    mobileRefused:
      'Numéro de cellulaire : tapez-le avec le + et l’indicatif du pays, comme +1\u00a0514\u00a0555\u00a00123.',
    mobileSaved:
      'Enregistré. Pour recevoir des textos au +14385550199, cochez « Par texto » ci-dessous et enregistrez.',
  },
  es: {
    sent: 'Revise su correo',
    open: 'Abrir mi expediente',
    save: 'Guardar',
    saved: 'Guardado. Se avisó al taller del cambio.',
    send: 'Enviar mi solicitud',
    requested: 'Solicitada, esperando al taller',
    move: 'Cambiar',
    moveTo: 'Cambiarla a esta hora',
    moved: 'Su cita se cambió.',
    mobile: 'Número de celular',
    mobileRefused:
      'Número de celular: escríbalo con el + y el código de país, como +1\u00a0514\u00a0555\u00a00123.',
    mobileSaved:
      'Guardado. Para recibir mensajes de texto al +14385550199, marque «Por mensaje de texto» abajo y guarde.',
  },
};

describe.skipIf(!process.env.DATABASE_URL)('the portal in Chromium, in each language (PostgreSQL)', () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    ctx = testContext(t, {}, () => clock.now);
    app = await buildApp(ctx);
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.close();
  });

  /** Serious or critical WCAG 2 A/AA violations found by axe-core on each page shown. */
  const violations: string[] = [];
  /** Each page shown: its screenshot, its document's language, and axe. */
  const shot = async (page: Page, language: Language, name: string) => {
    await screenshot(page, `${language}-${name}`);
    expect(await documentLanguage(page), `${language} ${name}`).toBe(language);
    for (const v of await seriousViolations(page))
      violations.push(`${language} ${name} ${new URL(page.url()).pathname}: ${v}`);
  };

  for (const language of ['en', 'fr', 'es'] as const) {
    it(`${language}: link → sign in → file (P01) → request → confirm (E05 .ics) → move (reminders follow)`, async () => {
      const s = SEEN[language];
      violations.length = 0;
      const shop = await makeBookableShop(t.db, { language });
      const email = `driver-${language}@example.test`;
      const customer = await makeCustomer(t.db, shop, {
        email,
        language,
        mailing_name: 'Sam Driver',
        first_name: 'Sam',
        last_name: 'Driver',
        city: 'Laval',
        mobile_phone: '+15145550123',
      });
      // The location texts: the preferences offer texts to the customer's mobile number.
      await t.db
        .updateTable('locations')
        .set({ sms_enabled: true })
        .where('id', '=', shop.locationId)
        .execute();
      await makeVehicle(t.db, shop, customer.id, { make: 'Honda', model: 'Civic' });
      const crm = await makeStaff(t.db, shop, [{ locationId: shop.locationId, role: 'crm_agent' }]);
      const advisor = await makeStaff(t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: language,
        // The mailed links carry the service's public address; the browser reaches it here.
        baseURL: base,
      });
      const page = await context.newPage();
      try {
        // Ask for a link.
        await page.goto('/portal/sign-in');
        await shot(page, language, '1-sign-in');
        await page.fill('#email', email);
        await page.click('button[type=submit]');
        await expect.poll(() => page.textContent('h1')).toBe(s.sent);
        await shot(page, language, '2-link-sent');

        // Read it in the local mailbox (caught mail) and open it.
        await settleBackground();
        const mail = await t.db
          .selectFrom('caught_mail')
          .select(['text', 'envelope_to'])
          .where('org_id', '=', shop.orgId)
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        expect(mail.envelope_to).toEqual([email]);
        const link = new URL(/https?:\/\/\S+\/portal\/link\/\S+/.exec(mail.text!)![0]);
        await page.goto(link.pathname);
        await shot(page, language, '3-continue');
        await page.click(`button:has-text("${s.open}")`);
        await page.waitForURL(`${base}/portal`);
        expect(await page.textContent('h1')).toContain('Sam Driver');
        await shot(page, language, '4-home');

        // Edit the file: the CRM agent gets the P01 task.
        await page.goto('/portal/file');
        await shot(page, language, '5-file');
        await page.fill('#city', 'Montréal');
        await page.fill('#phone', '514-555-0177');
        // No more offers by email: recorded in the consent history with the form's wording.
        await page.uncheck('input[name=pref_marketing_email]');
        // Offers by text instead: express consent for marketing texts, the number in the evidence.
        expect(await page.isChecked('input[name=pref_marketing_text]')).toBe(false);
        await page.check('input[name=pref_marketing_text]');
        await page.click(`button:has-text("${s.save}")`);
        await expect.poll(() => page.textContent('.notice')).toBe(s.saved);
        expect(await page.isChecked('input[name=pref_marketing_email]')).toBe(false);
        expect(await page.isChecked('input[name=pref_service_email]')).toBe(true);
        const consent = await t.db
          .selectFrom('customer_consent_history')
          .select(['channel', 'purpose', 'basis', 'source', 'evidence'])
          .where('org_id', '=', shop.orgId)
          .where('customer_id', '=', customer.id)
          .execute();
        expect(consent).toEqual([
          {
            channel: 'email',
            purpose: 'marketing',
            basis: 'none',
            source: 'portal',
            evidence: expect.objectContaining({ form: 'portal_file', language }),
          },
          {
            channel: 'text',
            purpose: 'marketing',
            basis: 'express',
            source: 'portal',
            evidence: expect.objectContaining({ form: 'portal_file', language, phone: '+15145550123' }),
          },
        ]);
        expect(await page.isChecked('input[name=pref_marketing_text]')).toBe(true);
        await runWorker(ctx, { once: true });
        const crmClient = await signIn(app, crm.email);
        const tasks = await crmClient.request({
          method: 'GET',
          url: `/api/v1/locations/${shop.locationId}/tasks?kind=P01`,
        });
        expect(tasks.statusCode).toBe(200);
        const p01 = (
          tasks.json() as {
            items: Array<{ customer_id: number; details: { changes: Record<string, unknown> } }>;
          }
        ).items;
        expect(p01.find((x) => x.customer_id === customer.id)?.details.changes).toMatchObject({
          city: { from: 'Laval', to: 'Montréal' },
        });

        // The mobile number, found by its label: a number without its country code is refused on
        // the field, in the customer's language, and nothing is saved.
        await page.goto('/portal/file');
        const mobile = page.getByLabel(s.mobile, { exact: true });
        expect(await mobile.inputValue()).toBe('+15145550123');
        await mobile.fill('514 555 0199');
        await page.click(`button:has-text("${s.save}")`);
        await expect.poll(() => page.textContent('.error')).toBe(s.mobileRefused);
        expect(await mobile.getAttribute('aria-invalid')).toBe('true');
        await shot(page, language, '5b-file-mobile-refused');
        const number = () =>
          t.db
            .selectFrom('customers')
            .select('mobile_phone')
            .where('id', '=', customer.id)
            .executeTakeFirstOrThrow();
        expect(await number()).toEqual({ mobile_phone: '+15145550123' });
        // A new number, typed with spaces: saved in E.164; the consent for texts given for the
        // old number is withdrawn, and texts are offered again for the new one, unticked.
        await mobile.fill('+1 438 555 0199');
        await page.click(`button:has-text("${s.save}")`);
        await expect.poll(() => page.textContent('.notice')).toBe(s.mobileSaved);
        expect(await mobile.inputValue()).toBe('+14385550199');
        expect(await page.textContent('#prefs-text')).toContain('+14385550199');
        expect(await page.isChecked('input[name=pref_marketing_text]')).toBe(false);
        expect(await page.isChecked('input[name=pref_service_text]')).toBe(false);
        await shot(page, language, '5c-file-mobile-changed');
        expect(await number()).toEqual({ mobile_phone: '+14385550199' });
        const texts = await t.db
          .selectFrom('customer_consents')
          .select(['purpose', 'basis', 'evidence'])
          .where('org_id', '=', shop.orgId)
          .where('customer_id', '=', customer.id)
          .where('channel', '=', 'text')
          .execute();
        expect(texts).toEqual([
          {
            purpose: 'marketing',
            basis: 'none',
            evidence: expect.objectContaining({
              reason: 'mobile_phone_changed',
              phone: '+15145550123',
              new_phone: '+14385550199',
            }),
          },
        ]);

        // Request a slot on Wednesday.
        await page.goto('/portal/book?date=2026-03-11');
        await shot(page, language, '6-book');
        await page.check('input[name=starts_at][value="2026-03-11T14:00:00.000Z"]');
        await page.fill('#service', 'Oil change');
        await page.click(`button:has-text("${s.send}")`);
        await page.waitForURL(/\/portal\?done=requested$/);
        expect(await page.textContent('main')).toContain(s.requested);
        await shot(page, language, '7-requested');
        const appt = await t.db
          .selectFrom('appointments')
          .selectAll()
          .where('org_id', '=', shop.orgId)
          .where('customer_id', '=', customer.id)
          .executeTakeFirstOrThrow();

        // Staff confirm: E05 with its calendar invitation arrives.
        const staff = await signIn(app, advisor.email);
        const confirmed = await staff.request({
          method: 'POST',
          url: `/api/v1/appointments/${appt.id}/status`,
          payload: { status: 'confirmed' },
        });
        expect(confirmed.statusCode).toBe(200);
        await runWorker(ctx, { once: true });
        const e05 = await t.db
          .selectFrom('caught_mail')
          .select('raw')
          .where('org_id', '=', shop.orgId)
          .where('raw', 'like', '%X-Relance-Kind: E05%')
          .execute();
        expect(e05).toHaveLength(1);
        const ics = (await simpleParser(e05[0]!.raw)).attachments.find((a) => a.filename?.endsWith('.ics'));
        expect(ics?.content.toString('utf8')).toContain('DTSTART;TZID=America/Toronto:20260311T100000');

        // The reminder of the old time, decided by the daily run.
        await runShopDays(t.db, shop, ['2026-03-09'], new Date('2026-03-09T12:00:00Z'));
        const oldReminder = await t.db
          .selectFrom('messages')
          .select(['id', 'status'])
          .where('org_id', '=', shop.orgId)
          .where('appointment_id', '=', appt.id)
          .where('kind', '=', 'E04')
          .executeTakeFirstOrThrow();
        expect(oldReminder.status).toBe('pending');

        // Move it to Thursday afternoon.
        await page.goto('/portal');
        await page.click(`a:has-text("${s.move}")`);
        await page.waitForURL(/\/move$/);
        await page.goto(`/portal/appointments/${appt.id}/move?date=2026-03-12`);
        await shot(page, language, '8-move');
        await page.check('input[name=starts_at][value="2026-03-12T18:00:00.000Z"]');
        await page.click(`button:has-text("${s.moveTo}")`);
        await page.waitForURL(/\/portal\?done=moved$/);
        expect(await page.textContent('.notice')).toBe(s.moved);
        await shot(page, language, '9-moved');

        // The reminders follow: the old one is cancelled, the run writes one for the new time.
        const old = await t.db
          .selectFrom('messages')
          .select(['status', 'reason'])
          .where('id', '=', oldReminder.id)
          .executeTakeFirstOrThrow();
        expect(old).toEqual({ status: 'cancelled', reason: 'appointment_moved' });
        await runShopDays(t.db, shop, ['2026-03-10'], new Date('2026-03-10T12:00:00Z'));
        const reminders = await t.db
          .selectFrom('messages')
          .select(['status', 'reason', 'payload'])
          .where('org_id', '=', shop.orgId)
          .where('appointment_id', '=', appt.id)
          .where('kind', '=', 'E04')
          .where('id', '!=', oldReminder.id)
          .execute();
        expect(reminders).toHaveLength(1);
        expect(JSON.stringify(reminders[0]!.payload)).toContain('2026-03-12T18:00:00');
        // Written for the new time; the engine's frequency cap may hold it (E05 went out today).
        const { status, reason } = reminders[0]!;
        expect(
          status === 'pending' || (status === 'held' && reason === 'frequency_cap'),
          `${status} ${reason}`,
        ).toBe(true);

        // The vehicle page, the surveys page and the visitor booking page, for the screenshots and axe.
        await page.goto('/portal');
        await page.click('a[href^="/portal/vehicles/"]');
        await shot(page, language, '10-vehicle');
        await page.goto('/portal/surveys');
        await shot(page, language, '11-surveys');
        await page.goto(`/book/${shop.orgId}/${shop.location.code}?lang=${language}&date=2026-03-11`);
        await shot(page, language, '12-visitor-booking');
        expect(violations, violations.join('\n')).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});
