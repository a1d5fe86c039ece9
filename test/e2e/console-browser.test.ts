// The staff console in a real browser (Debian's chromium) against the real server on a real
// PostgreSQL database with the demo shop: sign in, every screen in each language with no serious
// or critical axe violation, the Statistics charts of a period's messages and of the results (retention, loyalty, cohorts, attribution, lift), booking a free slot and a double booking refused, completing a P00
// call, adding a vehicle from its plate (CARFAX, a local fake) after confirming the decoded VIN. Each screen's screenshot lands in test-results/console/ to be looked at.
// Runs only with DATABASE_URL (CI's PostgreSQL pass) to keep the embedded-database pass short.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { DEMO_LOGIN, ensureDemoData } from '../../src/demo/first-start.ts';
import { buildApp } from '../../src/http/app.ts';
import { ensureConsoleBuilt } from '../../src/http/console/console-dist.ts';
import {
  documentLanguage,
  launchChromium,
  pickLanguage,
  seriousViolations,
  shotsIn,
} from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { testContext } from '../helpers/delivery.ts';
import { runWorker } from '../../src/delivery/worker/run-worker.ts';
import { startFakeCarfax } from '../helpers/fake-carfax.ts';
import { setPartner } from '../helpers/partners.ts';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'console');
const run = process.env.DATABASE_URL ? describe : describe.skip;
const shot = shotsIn('console');
// A message's own HTML (or PDF) in a sandboxed, script-less frame: axe cannot run inside it and
// waits forever, so it is left out; html-quality.test.ts checks that HTML.
const MESSAGE_FRAMES = [
  '[data-testid="template-preview"]',
  '[data-testid="sent-email"]',
  '[data-testid="sent-postcard"]',
  '[data-testid="postcard-preview"]',
];

/** Every screen a shop owner reaches from the menu, with the heading it shows per language. */
export const SCREENS: Array<{ path: string; heading: Record<'en' | 'fr' | 'es', RegExp> }> = [
  { path: '/today', heading: { en: /^Today/, fr: /^Aujourd’hui/, es: /^Hoy/ } },
  { path: '/customers', heading: { en: /^Customers$/, fr: /^Clients$/, es: /^Clientes$/ } },
  { path: '/tasks', heading: { en: /^Call list/, fr: /^Appels/, es: /^Llamadas/ } },
  { path: '/inbox', heading: { en: /^Texts$/, fr: /^Textos$/, es: /^Mensajes de texto$/ } },
  { path: '/appointments', heading: { en: /^Appointments$/, fr: /^Rendez-vous$/, es: /^Citas$/ } },
  { path: '/templates', heading: { en: /^Templates$/, fr: /^Modèles$/, es: /^Plantillas$/ } },
  { path: '/statistics', heading: { en: /^Statistics$/, fr: /^Statistiques$/, es: /^Estadísticas$/ } },
  {
    path: '/online-booking',
    heading: { en: /^Online booking$/, fr: /^Rendez-vous en ligne$/, es: /^Citas en línea$/ },
  },
  { path: '/imports', heading: { en: /^Imports$/, fr: /^Importations$/, es: /^Importaciones$/ } },
  { path: '/exports', heading: { en: /^Exports$/, fr: /^Exportations$/, es: /^Exportaciones$/ } },
  {
    path: '/users',
    heading: {
      en: /^Users & API tokens$/,
      fr: /^Utilisateurs et jetons API$/,
      es: /^Usuarios y tokens API$/,
    },
  },
  { path: '/promotions', heading: { en: /^Promotions$/, fr: /^Promotions$/, es: /^Promociones$/ } },
  { path: '/campaigns', heading: { en: /^Campaigns$/, fr: /^Campagnes$/, es: /^Campañas$/ } },
  {
    path: '/settings',
    heading: { en: /^CRM set-up$/, fr: /^Configuration CRM$/, es: /^Configuración CRM$/ },
  },
  {
    path: '/maintenance',
    heading: {
      en: /^Maintenance schedules$/,
      fr: /^Calendriers d’entretien$/,
      es: /^Planes de mantenimiento$/,
    },
  },
  {
    path: '/settings?tab=sms',
    heading: { en: /^CRM set-up$/, fr: /^Configuration CRM$/, es: /^Configuración CRM$/ },
  },
];

let t: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let orgId: number;
let locationId: number;
/** A demo customer who texted the shop (an unread conversation in the inbox). */
let texter: number;
const TEXTER_MOBILE = '+15145550142';

/** Midday UTC (the same calendar day from Toronto to Paris) of the first Monday-Friday `days` ahead. */
function openWeekdayAhead(days: number): Date {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + days);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  day.setUTCHours(15, 0, 0, 0);
  return day;
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${base}/console/today`);
  await page.waitForURL(/\/console\/sign-in/);
  await page.locator('input[type=email]').fill(DEMO_LOGIN.email);
  await page.locator('input[type=password]').fill(DEMO_LOGIN.password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/console\/today/);
}

/** A page in its own context (axe needs one; each test starts signed out). */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  return context.newPage();
}

run('the staff console in chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureConsoleBuilt();
    t = await createTestDatabase();
    ctx = testContext(t);
    await ensureDemoData(ctx);
    const location = await t.db.selectFrom('locations').select(['id', 'org_id']).executeTakeFirstOrThrow();
    orgId = location.org_id;
    locationId = location.id;
    const customer = await t.db
      .selectFrom('customers')
      .select('id')
      .where('location_id', '=', locationId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    texter = customer.id;
    await t.db
      .insertInto('sms_conversation')
      .values({
        org_id: orgId,
        location_id: locationId,
        customer_id: texter,
        direction: 'in',
        phone: TEXTER_MOBILE,
        body: 'Hi, is my car ready? (texted to the shop)',
        provider_sid: 'SMdemo0001',
        at: new Date(Date.now() - 3_600_000),
      })
      .execute();
    app = await buildApp(ctx);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.close();
  });

  it(
    'refuses a wrong password in the chosen language, then signs in and out',
    { timeout: 120_000 },
    async () => {
      const page = await newPage();
      await page.goto(`${base}/`);
      await page.getByRole('link', { name: /console/i }).click();
      await page.waitForURL(/\/console\/sign-in/);
      await shot(page, 'sign-in');
      expect(await seriousViolations(page, { exclude: MESSAGE_FRAMES })).toEqual([]);
      await page.locator('input[type=email]').fill(DEMO_LOGIN.email);
      await page.locator('input[type=password]').fill('wrong password');
      await page.locator('button[type=submit]').click();
      await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/email|password/i);
      await page.locator('input[type=password]').fill(DEMO_LOGIN.password);
      await page.locator('button[type=submit]').click();
      await page.waitForURL(/\/console\/today/);
      await page.getByRole('button', { name: /Se déconnecter|Sign out|Cerrar sesión/ }).click();
      await page.waitForURL(/\/console\/sign-in/);
      await page.goto(`${base}/console/tasks`);
      await page.waitForURL(/\/console\/sign-in\?next=%2Ftasks/);
      await page.close();
    },
  );

  it(
    'shows every screen in English, French and Spanish with no serious axe violation',
    { timeout: 600_000 },
    async () => {
      const page = await newPage();
      // A step that waits longer than this fails naming itself instead of running into the test limit.
      page.setDefaultTimeout(30_000);
      await signIn(page);
      const problems: string[] = [];
      for (const language of ['en', 'fr', 'es'] as const) {
        // The language picker saves the choice on the server (PATCH /me).
        await pickLanguage(page, language);
        for (const screen of SCREENS) {
          await page.goto(`${base}/console${screen.path}`);
          const heading = page.getByRole('heading', { level: 2 }).first();
          await heading.waitFor({ timeout: 30_000 });
          expect(await heading.innerText(), `${screen.path} in ${language}`).toMatch(
            screen.heading[language],
          );
          await page.waitForLoadState('networkidle');
          // The preview is fetched after the editor shows: the screenshot should show it.
          if (screen.path === '/templates') await page.getByTestId('template-preview').waitFor();
          await shot(page, `${language}${screen.path.replace(/[/?=]/g, '-')}`);
          for (const v of await seriousViolations(page, { exclude: MESSAGE_FRAMES }))
            problems.push(`${language} ${screen.path}: ${v}`);
        }
      }
      const saved = await t.db
        .selectFrom('users')
        .select('language')
        .where('email', '=', DEMO_LOGIN.email)
        .executeTakeFirstOrThrow();
      expect(saved.language).toBe('es');
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it(
    'the customer file shows consent per channel and purpose, its expiry, today’s hold and the recorded history (issue 14)',
    { timeout: 240_000 },
    async () => {
      const customer = await t.db
        .selectFrom('customers')
        .select('id')
        .where('location_id', '=', locationId)
        .where('do_not_mail', '=', false)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page);
      // Staff record an inquiry long past for email marketing: expired today, with its evidence.
      const status = await page.evaluate(async (id) => {
        const me = (await (await fetch('/api/v1/me')).json()) as { csrf_token: string };
        const res = await fetch(`/api/v1/customers/${id}/consents/email/marketing`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token },
          body: JSON.stringify({
            basis: 'implied_inquiry',
            given_on: '2020-01-15',
            evidence: { text: 'Asked for a winter tire quote by phone' },
          }),
        });
        return res.status;
      }, customer.id);
      expect(status).toBe(200);
      await page.goto(`${base}/console/customers/${customer.id}`);
      await page.getByRole('tab', { name: /^(Consent history|Historique|Historial)/ }).click();
      const table = page.getByTestId('consent-table');
      await table.waitFor();
      // Three channels × two purposes.
      expect(await table.locator('tbody tr').count()).toBe(6);
      const emailMarketing = table
        .locator('tbody tr')
        .filter({ hasText: /^(Email|Courriel|Correo)/ })
        .nth(1);
      expect(await emailMarketing.innerText()).toMatch(
        /(Implied by an inquiry|Tacite \(demande de renseignements\)|Implícito \(consulta\))[\s\S]*(Consent expired|Consentement expiré|Consentimiento vencido)/i,
      );
      const history = page.getByTestId('consent-history');
      expect(await history.innerText()).toContain('Asked for a winter tire quote by phone');
      // No untranslated key left on the card.
      expect(await page.locator('main').innerText()).not.toMatch(
        /\b(consent|purposes|consentSources|channels|reasons)\.[a-z_]+/,
      );
      await shot(page, 'customer-consent');
      await page.close();
    },
  );

  it(
    'books a free slot, then refuses a double booking of a slot taken meanwhile',
    { timeout: 240_000 },
    async () => {
      const page = await newPage();
      // Late in the shop's day no slot is left today (CI ran at 16:02 in Toronto and found none):
      // the browser's clock stands on a weekday two weeks ahead, when the demo shop is mostly free.
      await page.clock.setFixedTime(openWeekdayAhead(14));
      await signIn(page);
      await page.goto(`${base}/console/appointments`);
      const bookButton = page.getByRole('button', {
        name: /Prendre un rendez-vous|Book an appointment|Reservar una cita/,
      });
      await bookButton.click();
      const dialog = page.getByRole('dialog');
      const firstSlot = dialog.getByTestId('slot').first();
      await firstSlot.waitFor({ timeout: 30_000 });
      await firstSlot.click();
      await dialog.getByLabel(/visiteur|visitor|visitante/i).fill('Paul Visiteur');
      await shot(page, 'booking');
      const before = await t.db
        .selectFrom('appointments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      await dialog
        .getByRole('button', { name: /Réserver ce créneau|Book this slot|Reservar este horario/ })
        .click();
      await dialog.waitFor({ state: 'detached' });
      const after = await t.db
        .selectFrom('appointments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n) + 1);

      // Another desk takes the next offered slot while this dialog shows it as free.
      await bookButton.click();
      const slot = dialog.getByTestId('slot').first();
      await slot.waitFor({ timeout: 30_000 });
      await slot.click();
      await dialog.getByLabel(/visiteur|visitor|visitante/i).fill('Claire Deuxième');
      const taken = await page.evaluate(async (loc) => {
        const me = (await (await fetch('/api/v1/me')).json()) as { csrf_token: string };
        const day = new Date().toISOString().slice(0, 10);
        const free = (await (
          await fetch(`/api/v1/locations/${loc}/availability?date=${day}&duration_minutes=60`)
        ).json()) as {
          mechanics: Array<{ mechanic_id: number; slots: Array<{ starts_at: string; ends_at: string }> }>;
        };
        return { me, free };
      }, locationId);
      expect(taken.me.csrf_token).toBeTruthy();
      const selected = await slot.innerText();
      // Book, through the API, exactly the slot the dialog has selected (first mechanic's first slot).
      const withSlots = taken.free.mechanics.find((m) => m.slots.length > 0);
      if (withSlots) {
        await page.evaluate(
          async ({ loc, mechanic, slot, csrf }) => {
            await fetch('/api/v1/appointments', {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
              body: JSON.stringify({
                location_id: loc,
                status: 'confirmed',
                visitor_name: 'Other desk',
                mechanic_id: mechanic,
                starts_at: slot.starts_at,
                ends_at: slot.ends_at,
              }),
            });
          },
          {
            loc: locationId,
            mechanic: withSlots.mechanic_id,
            slot: withSlots.slots[0]!,
            csrf: taken.me.csrf_token,
          },
        );
      }
      expect(selected).toBeTruthy();
      await dialog
        .getByRole('button', { name: /Réserver ce créneau|Book this slot|Reservar este horario/ })
        .click();
      const alert = dialog.getByRole('alert');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.innerText()).toMatch(
        /mechanic_id|mécanicien|mecánico|conflict|conflit|conflicto|déjà|already|ya/i,
      );
      await shot(page, 'double-booking-refused');
      await page.close();
    },
  );

  it(
    'says in words when the calendar shows no appointment, and pages the requests to confirm',
    { timeout: 180_000 },
    async () => {
      // A Sunday three weeks ahead, midday UTC: the demo shop books none on Sundays.
      const sunday = new Date();
      sunday.setUTCDate(sunday.getUTCDate() + 21);
      while (sunday.getUTCDay() !== 0) sunday.setUTCDate(sunday.getUTCDate() + 1);
      sunday.setUTCHours(16, 0, 0, 0);
      const day = sunday.toISOString().slice(0, 10);
      // The week view starts on Sunday or Monday by language: the days on both sides count.
      const onDay = await sql<{ day: number; before: number; after: number }>`
        SELECT count(*) FILTER (WHERE (a.starts_at AT TIME ZONE l.time_zone)::date = ${day}::date)::int AS day,
               count(*) FILTER (WHERE (a.starts_at AT TIME ZONE l.time_zone)::date
                                BETWEEN ${day}::date - 6 AND ${day}::date - 1)::int AS before,
               count(*) FILTER (WHERE (a.starts_at AT TIME ZONE l.time_zone)::date
                                BETWEEN ${day}::date + 1 AND ${day}::date + 6)::int AS after
          FROM appointments a JOIN locations l ON l.org_id = a.org_id AND l.id = a.location_id
         WHERE a.location_id = ${locationId} AND a.status <> 'cancelled'`.execute(t.db);
      expect(onDay.rows[0]!.day).toBe(0);
      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await page.clock.setFixedTime(sunday);
      await signIn(page);
      await page.goto(`${base}/console/appointments`);
      await page.locator('[data-testid=calendar][aria-busy=false] .rbc-time-view').waitFor();
      const hint = page.getByTestId('calendar-empty');
      await expect
        .poll(() => hint.innerText())
        .toMatch(/No appointment this day|Aucun rendez-vous ce jour-là|No hay citas este día/);
      await shot(page, 'appointments-empty-day');
      // The week around it has appointments (the days either side are open): the hint goes.
      if (onDay.rows[0]!.before > 0 && onDay.rows[0]!.after > 0) {
        await page.getByRole('button', { name: /^(Week|Semaine|Semana)$/ }).click();
        await page.locator('.rbc-event').first().waitFor();
        expect(await hint.count()).toBe(0);
      }
      await page.close();

      // The requests to confirm, a page of 10 at a time.
      const waiting = await t.db
        .selectFrom('appointments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('location_id', '=', locationId)
        .where('status', '=', 'requested')
        .where('starts_at', '>=', new Date())
        .executeTakeFirstOrThrow();
      expect(Number(waiting.n)).toBeGreaterThan(10);
      const list = await newPage();
      list.setDefaultTimeout(30_000);
      await signIn(list);
      await list.goto(`${base}/console/appointments`);
      const rows = list.getByTestId('requests-table').locator('tbody tr');
      await expect.poll(() => rows.count()).toBe(10);
      const first = await rows.allInnerTexts();
      const next = list.getByRole('button', { name: /^(Next|Suivant|Siguiente)$/ }).last();
      await next.click();
      // The next page, whole: not the first one still shown, nor a table between the two.
      const expected = Math.min(10, Number(waiting.n) - 10);
      await expect
        .poll(async () => {
          const shown = await rows.allInnerTexts();
          return shown.length === expected && shown.join('|') !== first.join('|');
        })
        .toBe(true);
      await list.getByText(/^(Page|Página) 2$/).waitFor();
      const second = await rows.allInnerTexts();
      expect(second.length).toBe(expected);
      expect(second.filter((r) => first.includes(r))).toEqual([]);
      await shot(list, 'appointments-requests-page-2');
      expect(await seriousViolations(list, { exclude: MESSAGE_FRAMES })).toEqual([]);
      await list.close();
    },
  );

  it('completes a P00 call as recontacted (what the E07 rule follows up)', { timeout: 180_000 }, async () => {
    const customer = await t.db
      .selectFrom('customers')
      .select('id')
      .where('location_id', '=', locationId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const task = await t.db
      .insertInto('staff_tasks')
      .values({
        org_id: orgId,
        location_id: locationId,
        kind: 'P00',
        customer_id: customer.id,
        assigned_role: 'crm_agent',
        due_on: new Date().toISOString().slice(0, 10),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const page = await newPage();
    await signIn(page);
    await page.goto(`${base}/console/tasks`);
    const row = page.getByTestId(`task-${task.id}`);
    await row.waitFor({ timeout: 30_000 });
    await row.getByRole('button').click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('button', { name: /Terminer la tâche|Complete the task|Completar la tarea/ })
      .click();
    await dialog.waitFor({ state: 'detached' });
    const done = await t.db
      .selectFrom('staff_tasks')
      .select(['status', 'outcome'])
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(done).toEqual({ status: 'done', outcome: 'recontacted' });
    await shot(page, 'task-completed');
    await page.close();
  });

  it(
    'edits a template: the preview follows, and an unknown merge field is refused by name',
    { timeout: 180_000 },
    async () => {
      const page = await newPage();
      await signIn(page);
      await page.goto(`${base}/console/templates`);
      const body = page.getByTestId('template-body');
      const preview = page.frameLocator('[data-testid=template-preview]').locator('body');
      await preview.waitFor({ timeout: 30_000 });
      await body.fill('<p>Bonjour {{mailing_name}}, votre Corolla est prête.</p><p>{{business_name}}</p>');
      await expect.poll(() => preview.innerText(), { timeout: 30_000 }).toContain('votre Corolla est prête');
      await body.fill('<p>Bonjour {{nom_inconnu}}</p>');
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: 30_000 });
      expect(await alert.innerText()).toContain('nom_inconnu');
      await shot(page, 'template-refused');
      await page.close();
    },
  );
  it(
    'adds a vehicle from its plate: not subscribed, then CARFAX down, then the VIN found, decoded, confirmed and saved',
    { timeout: 240_000 },
    async () => {
      const carfax = await startFakeCarfax({ 'RLC777/QC': '1G1ZT53826F109149' });
      try {
        const customer = await t.db
          .selectFrom('customers')
          .select('id')
          .where('location_id', '=', locationId)
          .orderBy('id')
          .executeTakeFirstOrThrow();
        const page = await newPage();
        await signIn(page);
        await page.goto(`${base}/console/customers/${customer.id}`);
        await page
          .getByRole('button', { name: /^(Add a vehicle|Ajouter un véhicule|Añadir un vehículo)$/ })
          .click();
        const dialog = page.getByRole('dialog');
        await dialog.getByTestId('plate-input').fill('RLC 777');
        await dialog.getByTestId('region-select').fill('QC');
        await page.getByRole('option', { name: 'QC', exact: true }).click();
        const find = dialog.getByRole('button', { name: /^(Find VIN|Trouver le NIV|Buscar el VIN)$/ });

        // No CARFAX set up for the location yet: said plainly, with what to do instead.
        await find.click();
        const alert = dialog.getByRole('alert');
        await alert.waitFor({ timeout: 30_000 });
        expect(await alert.innerText()).toMatch(
          /does not use the CARFAX plate lookup|n’utilise pas la recherche de plaque CARFAX|no usa la búsqueda de placas de CARFAX/,
        );
        await shot(page, 'vehicle-plate-not-subscribed');

        // The owner subscribes (terms, lookup address, token) through the settings API.
        const saved = await page.evaluate(
          async ({ loc, url }) => {
            const me = (await (await fetch('/api/v1/me')).json()) as { csrf_token: string };
            const res = await fetch(`/api/v1/locations/${loc}/settings/carfax`, {
              method: 'PUT',
              headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token },
              body: JSON.stringify({
                enabled: true,
                accept_terms: true,
                token: 'cfx-console-token',
                settings: { endpoint: url, lookup_endpoint: url, account_id: 'ACC-1' },
              }),
            });
            return res.status;
          },
          { loc: locationId, url: carfax.url },
        );
        expect(saved).toBe(200);

        // CARFAX down (the fake answers 503 for this plate).
        await dialog.getByTestId('plate-input').fill('DOWN');
        await find.click();
        await expect
          .poll(() => alert.innerText(), { timeout: 30_000 })
          .toMatch(/CARFAX is not answering|CARFAX ne répond pas|CARFAX no responde/);

        // Found: the VIN and its decode are shown for confirmation; nothing is saved yet.
        await dialog.getByTestId('plate-input').fill('RLC 777');
        await find.click();
        await expect
          .poll(() => dialog.getByTestId('vin-input').inputValue(), { timeout: 30_000 })
          .toBe('1G1ZT53826F109149');
        const fields = dialog.getByTestId('decoded-fields');
        await expect.poll(() => fields.locator('input').first().inputValue()).toBe('Chevrolet');
        const values = await fields
          .locator('input')
          .evaluateAll((inputs) => inputs.map((i) => (i as unknown as { value: string }).value));
        expect(values).toEqual([
          'Chevrolet',
          'Malibu',
          '2006',
          'LT',
          'Sedan',
          '3.5L 6-cyl (LX9)',
          'Gasoline',
          '',
          expect.any(String),
        ]);
        expect(await dialog.getByTestId('decoded-note').innerText()).toMatch(/CARFAX/);
        expect(carfax.requests.at(-1)!.headers.authorization).toBe('Bearer cfx-console-token');
        await shot(page, 'vehicle-plate-found');
        expect(await seriousViolations(page, { exclude: MESSAGE_FRAMES })).toEqual([]);
        const none = await t.db
          .selectFrom('vehicles')
          .select('id')
          .where('vin', '=', '1G1ZT53826F109149')
          .where('location_id', '=', locationId)
          .execute();
        expect(none).toEqual([]);

        // The user corrects the trim, then saves: the card is the confirmed fields.
        await fields.getByLabel(/^(Trim|Version|Versión)$/).fill('LT2');
        await dialog
          .getByRole('button', { name: /^(Add the vehicle|Ajouter le véhicule|Añadir el vehículo)$/ })
          .click();
        await dialog.waitFor({ state: 'detached' });
        const vehicle = await t.db
          .selectFrom('vehicles')
          .select([
            'customer_id',
            'plate',
            'plate_region',
            'make',
            'model',
            'year',
            'submodel',
            'engine',
            'body_style',
          ])
          .where('vin', '=', '1G1ZT53826F109149')
          .where('location_id', '=', locationId)
          .executeTakeFirstOrThrow();
        expect(vehicle).toEqual({
          customer_id: customer.id,
          plate: 'RLC 777',
          plate_region: 'QC',
          make: 'Chevrolet',
          model: 'Malibu',
          year: 2006,
          submodel: 'LT2',
          engine: '3.5L 6-cyl (LX9)',
          body_style: 'Sedan',
        });
        await page.getByRole('heading', { name: /2006 Chevrolet Malibu/ }).waitFor({ timeout: 30_000 });
        await shot(page, 'vehicle-added');

        // Editing: the form opens with the saved card (the corrected trim kept); a change is saved
        // with PATCH.
        const panel = page.locator('.mantine-Card-root', {
          has: page.getByRole('heading', { name: /2006 Chevrolet Malibu/ }),
        });
        await panel.getByRole('button', { name: /^(Edit|Modifier|Editar)$/ }).click();
        const edit = page.getByRole('dialog');
        await expect
          .poll(() => edit.getByTestId('plate-input').inputValue(), { timeout: 30_000 })
          .toBe('RLC 777');
        expect(await edit.getByLabel(/^(Trim|Version|Versión)$/).inputValue()).toBe('LT2');
        await edit.getByTestId('plate-input').fill('RLC 778');
        await edit
          .getByRole('button', { name: /^(Save the vehicle|Enregistrer le véhicule|Guardar el vehículo)$/ })
          .click();
        await edit.waitFor({ state: 'detached' });
        const edited = await t.db
          .selectFrom('vehicles')
          .select(['plate', 'submodel', 'model'])
          .where('vin', '=', '1G1ZT53826F109149')
          .where('location_id', '=', locationId)
          .executeTakeFirstOrThrow();
        expect(edited).toEqual({ plate: 'RLC 778', submodel: 'LT2', model: 'Malibu' });
        await page.close();
      } finally {
        await carfax.close();
      }
    },
  );

  it(
    'the vehicle dialog in English, French and Spanish: a plate on file found and decoded, CARFAX down said in that language, no serious axe violation',
    { timeout: 240_000 },
    async () => {
      // After the test above: CARFAX is set up for the location (its fake server is gone, so CARFAX
      // does not answer), and RLC 778 (QC) is on one of the location's vehicles.
      const WORDS = {
        en: {
          name: 'English',
          add: 'Add a vehicle',
          find: 'Find VIN',
          down: 'CARFAX is not answering right now',
          from: 'VIN already on one of your vehicles',
          trim: 'Trim',
        },
        fr: {
          name: 'Français',
          add: 'Ajouter un véhicule',
          find: 'Trouver le NIV',
          down: 'CARFAX ne répond pas pour le moment',
          from: 'NIV déjà sur un de vos véhicules',
          trim: 'Version',
        },
        es: {
          name: 'Español',
          add: 'Añadir un vehículo',
          find: 'Buscar el VIN',
          down: 'CARFAX no responde por ahora',
          from: 'VIN ya registrado en uno de sus vehículos',
          trim: 'Versión',
        },
      } as const;
      const customer = await t.db
        .selectFrom('customers')
        .select('id')
        .where('location_id', '=', locationId)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page);
      const problems: string[] = [];
      for (const language of ['en', 'fr', 'es'] as const) {
        const w = WORDS[language];
        await page.goto(`${base}/console/customers/${customer.id}`);
        await page.getByTestId('language-picker').click();
        await page.getByRole('option', { name: w.name }).click();
        await expect.poll(() => documentLanguage(page)).toBe(language);
        await page.getByRole('button', { name: w.add, exact: true }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByTestId('plate-input').fill('DOWN');
        // The dialog remembers the last region chosen (choosing it again would clear it).
        if ((await dialog.getByTestId('region-select').inputValue()) !== 'QC') {
          await dialog.getByTestId('region-select').fill('QC');
          await page.getByRole('option', { name: 'QC', exact: true }).click();
        }
        const find = dialog.getByRole('button', { name: w.find, exact: true });
        await find.click();
        await expect.poll(() => dialog.getByRole('alert').innerText()).toContain(w.down);
        await dialog.getByTestId('plate-input').fill('RLC 778');
        await find.click();
        await expect.poll(() => dialog.getByTestId('vin-input').inputValue()).toBe('1G1ZT53826F109149');
        // textContent: the badge is shown in capitals.
        expect(await dialog.getByTestId('decoded-note').textContent()).toContain(w.from);
        expect(
          await dialog.getByTestId('decoded-fields').getByLabel(w.trim, { exact: true }).inputValue(),
        ).toBe('LT');
        await shot(page, `vehicle-dialog-${language}`);
        for (const v of await seriousViolations(page, { exclude: MESSAGE_FRAMES }))
          problems.push(`${language}: ${v}`);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
      }
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it('charts the messages of the period on the Statistics screen', { timeout: 180_000 }, async () => {
    // 36 messages due over the last three weeks: 4 kinds × 3 statuses × 3 days, two channels.
    const kinds = ['REMINDER_1', 'THANK_YOU', 'E01', 'INACTIVE'];
    const statuses = ['sent', 'held', 'failed'];
    let n = 0;
    for (const [k, kind] of kinds.entries())
      for (const status of statuses)
        for (const daysAgo of [2, 9, 16]) {
          const due = new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
          await t.db
            .insertInto('messages')
            .values({
              org_id: orgId,
              location_id: locationId,
              kind,
              channel: k === 3 ? 'postcard' : 'email',
              due_on: due,
              dedupe_key: `stats-browser-${n++}`,
              status,
            } as never)
            .execute();
        }
    // Retention: ten customers came in 20 months ago, five of them again 3 months ago.
    const customers = await t.db
      .selectFrom('customers')
      .select('id')
      .where('location_id', '=', locationId)
      .orderBy('id')
      .limit(10)
      .execute();
    const monthsAgo = (m: number) => new Date(Date.now() - m * 30.5 * 86_400_000).toISOString().slice(0, 10);
    for (const [i, c] of customers.entries())
      for (const m of i % 2 === 0 ? [20, 3] : [20]) {
        const day = monthsAgo(m);
        await t.db
          .insertInto('repair_orders')
          .values({
            org_id: orgId,
            location_id: locationId,
            ro_number: `STATS-${i}-${m}`,
            customer_id: c.id,
            opened_on: day,
            closed_on: day,
            status: 'closed',
            total_amount: '100.00',
          } as never)
          .execute();
      }
    // What the messages brought back: 24 other customers sent a We-miss-you message 50 days ago (the
    // first 12 by email in French, the rest by postcard in English), every other one back 10 days
    // later; 8 more held back in its control group, two of them back all the same.
    const others = await t.db
      .selectFrom('customers')
      .select('id')
      .where('location_id', '=', locationId)
      .orderBy('id')
      .offset(10)
      .limit(32)
      .execute();
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    for (const [i, c] of others.entries()) {
      const control = i >= 24;
      await t.db
        .insertInto('messages')
        .values({
          org_id: orgId,
          location_id: locationId,
          customer_id: c.id,
          kind: 'INACTIVE',
          channel: i < 12 ? 'email' : 'postcard',
          language: i < 12 ? 'fr' : 'en',
          due_on: day(50),
          dedupe_key: `results-browser-${i}`,
          status: control ? 'held' : 'sent',
          reason: control ? 'control_group' : null,
        } as never)
        .execute();
      if (control ? i < 26 : i % 2 === 0)
        await t.db
          .insertInto('repair_orders')
          .values({
            org_id: orgId,
            location_id: locationId,
            ro_number: `RESULTS-${i}`,
            customer_id: c.id,
            opened_on: day(40),
            closed_on: day(40),
            status: 'closed',
            total_amount: '250.00',
          } as never)
          .execute();
    }
    const page = await newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page);
    await page.goto(`${base}/console/statistics`);
    const all = await t.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('location_id', '=', locationId)
      .where('due_on', '>=', new Date(Date.now() - 28 * 86_400_000).toISOString().slice(0, 10))
      .where('due_on', '<=', new Date(Date.now() + 86_400_000).toISOString().slice(0, 10))
      .executeTakeFirstOrThrow();
    await expect.poll(() => page.getByTestId('total-all').innerText()).toBe(String(Number(all.n)));
    for (const chart of ['chart-by-day', 'chart-by-kind', 'chart-by-channel'])
      expect(await page.getByTestId(chart).locator('.recharts-bar-rectangle').count(), chart).toBeGreaterThan(
        0,
      );
    expect(await page.getByTestId('chart-by-status').locator('.recharts-pie-sector').count()).toBeGreaterThan(
      0,
    );
    // The results below: retention and loyalty lines, the cohorts' cells, what the messages
    // brought back per month, kind, channel and language, and the control group's lift.
    await page.getByTestId('chart-retention').locator('.recharts-line').first().waitFor();
    expect(await page.getByTestId('chart-cohorts').locator('rect').count()).toBeGreaterThan(0);
    for (const chart of [
      'chart-attribution-month',
      'chart-attribution-kind',
      'chart-attribution-channel',
      'chart-attribution-language',
      'chart-lift',
    ])
      expect(await page.getByTestId(chart).locator('.recharts-bar-rectangle').count(), chart).toBeGreaterThan(
        0,
      );
    // The INACTIVE lift as the database counts it over the 12 months shown (to the shop's month).
    const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' })
      .format(new Date())
      .split('-')
      .map(Number);
    const firstOfMonth11Before = new Date(Date.UTC(y!, m! - 12, 1)).toISOString().slice(0, 10);
    const counts = await t.db
      .selectFrom('messages')
      .select((eb) => [
        eb.fn.count<string>('id').filterWhere('status', '=', 'sent').as('sent'),
        eb.fn.count<string>('id').filterWhere('reason', '=', 'control_group').as('control'),
      ])
      .where('location_id', '=', locationId)
      .where('kind', '=', 'INACTIVE')
      .where('customer_id', 'is not', null)
      .where('due_on', '>=', firstOfMonth11Before)
      .executeTakeFirstOrThrow();
    expect(Number(counts.control)).toBe(8);
    await expect
      .poll(() => page.getByTestId('lift-INACTIVE').innerText(), { timeout: 30_000 })
      .toMatch(new RegExp(`\\(${Number(counts.sent)} \\S+, ${Number(counts.control)} \\S+\\)`));
    expect(await page.getByTestId('attribution-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    await shot(page, 'statistics-charts');
    expect(await seriousViolations(page, { exclude: MESSAGE_FRAMES })).toEqual([]);
    await page.close();
  });

  it(
    'imports a customers file with bad rows: a progress bar while it goes, then the bad rows with line and reason',
    { timeout: 240_000 },
    async () => {
      // 3,000 good rows and three bad ones, sent over a slowed-down link so the upload takes a while.
      const good = Array.from(
        { length: 3000 },
        (_, i) => `IMPB-${i},First${i},Last${i},c${i}@example.test,fr`,
      );
      const csv = [
        'customer_number,first_name,last_name,email,language',
        ...good.slice(0, 10),
        'IMPB-BAD1,Bob,Lee,not-an-email,en',
        'IMPB-BAD2,Cleo,Diaz,cleo@example.test,de',
        'IMPB-0,Ana,Again,again@example.test,fr',
        ...good.slice(10),
      ].join('\n');
      const page = await newPage();
      page.setDefaultTimeout(60_000);
      await signIn(page);
      const { language } = await t.db
        .selectFrom('users')
        .select('language')
        .where('email', '=', DEMO_LOGIN.email)
        .executeTakeFirstOrThrow();
      await page.goto(`${base}/console/imports`);
      await page.getByTestId('empty-state').waitFor();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 20,
        downloadThroughput: 1_000_000,
        uploadThroughput: 40_000,
      });
      await page.locator('input[type=file]').setInputFiles({
        name: 'customers-with-errors.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      const bar = page.getByTestId('import-progress').getByRole('progressbar');
      await bar.waitFor();
      await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
      await shot(page, 'import-progress');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      const summary = page.getByTestId('import-summary');
      await summary.waitFor({ timeout: 120_000 });
      expect(await page.getByTestId('import-imported').innerText()).toMatch(/3[\s\u202f.,]?000/);
      expect(await page.getByTestId('import-rejected').innerText()).toMatch(/\b3$/);
      const rows = page.getByTestId('import-problems').locator('tbody tr');
      expect(await rows.count()).toBe(3);
      const byLine = async (line: number) =>
        (await rows.filter({ has: page.locator(`td:first-child:text-is("${line}")`) }).innerText()).replace(
          /\s+/g,
          ' ',
        );
      const reasons = {
        en: [
          /email "not-an-email" is not an e-mail address/,
          /language "de" is not one of/,
          /duplicate customer_number "IMPB-0" \(first on line 2\)/,
        ],
        fr: [
          /email « not-an-email » n’est pas une adresse courriel/,
          /language « de » n’est pas une des valeurs/,
          /customer_number « IMPB-0 » en double \(déjà à la ligne 2\)/,
        ],
        es: [
          /email «not-an-email» no es una dirección de correo electrónico/,
          /language «de» no es uno de los valores/,
          /customer_number «IMPB-0» duplicado \(ya en la línea 2\)/,
        ],
      }[language as 'en' | 'fr' | 'es'];
      expect(await byLine(12)).toMatch(reasons[0]!);
      expect(await byLine(13)).toMatch(reasons[1]!);
      expect(await byLine(14)).toMatch(reasons[2]!);
      const saved = await t.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('location_id', '=', locationId)
        .where('customer_number', 'like', 'IMPB-%')
        .executeTakeFirstOrThrow();
      expect(Number(saved.n)).toBe(3000);
      await page.waitForLoadState('networkidle');
      await shot(page, `import-bad-rows-${language}`);
      expect(await seriousViolations(page, { exclude: MESSAGE_FRAMES })).toEqual([]);
      await page.close();
    },
  );

  it(
    'adds a user, changes the role, deactivates; creates an API token shown once and revokes it; shows a refusal in the user’s language',
    { timeout: 240_000 },
    async () => {
      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page);
      const { language } = await t.db
        .selectFrom('users')
        .select('language')
        .where('email', '=', DEMO_LOGIN.email)
        .executeTakeFirstOrThrow();
      const words = {
        en: {
          add: 'Add a user',
          submit: 'Add the user',
          name: 'Name',
          email: 'Email',
          invite: /Email them a link/,
          password: 'Password',
          deactivate: 'Deactivate',
          tokens: 'API tokens',
          create: 'Create a token',
          createSubmit: 'Create the token',
          stored: 'I have stored it',
          revoke: 'Revoke',
          role: 'Role of',
          manager: 'Manager',
          taken: /already|exists/i,
        },
        fr: {
          add: 'Ajouter un utilisateur',
          submit: 'Ajouter l’utilisateur',
          name: 'Nom',
          email: 'Courriel',
          invite: /Lui envoyer un lien/,
          password: 'Mot de passe',
          deactivate: 'Désactiver',
          tokens: 'Jetons API',
          create: 'Créer un jeton',
          createSubmit: 'Créer le jeton',
          stored: 'Je l’ai enregistré',
          revoke: 'Révoquer',
          role: 'Rôle de',
          manager: 'Gérant',
          taken: /existe|déjà/i,
        },
        es: {
          add: 'Añadir un usuario',
          submit: 'Añadir el usuario',
          name: 'Nombre',
          email: 'Correo electrónico',
          invite: /Enviarle un enlace/,
          password: 'Contraseña',
          deactivate: 'Desactivar',
          tokens: 'Tokens API',
          create: 'Crear un token',
          createSubmit: 'Crear el token',
          stored: 'Ya lo guardé',
          revoke: 'Revocar',
          role: 'Rol de',
          manager: 'Gerente',
          taken: /existe|ya/i,
        },
      }[language as 'en' | 'fr' | 'es'];
      await page.goto(`${base}/console/users`);
      await page.getByTestId('users-table').waitFor();

      // A user with a password set by the owner.
      const addUser = async (email: string) => {
        await page.getByRole('button', { name: words.add }).click();
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('textbox', { name: new RegExp(`^${words.name}`) }).fill('Sophie Roy');
        await dialog.getByRole('textbox', { name: new RegExp(`^${words.email}`) }).fill(email);
        await dialog.getByLabel(words.invite).uncheck();
        await dialog.locator('input[type=password]').fill('a long enough password');
        await dialog.getByRole('button', { name: words.submit }).click();
        return dialog;
      };
      await (await addUser('sophie.roy@garage.test')).waitFor({ state: 'detached' });
      const sophie = await t.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'sophie.roy@garage.test')
        .executeTakeFirstOrThrow();
      const row = page.getByTestId(`user-${sophie.id}`);
      await row.waitFor();
      // The same email again: the server's refusal, in the user's language, and the dialog stays.
      const again = await addUser('sophie.roy@garage.test');
      await expect.poll(() => again.getByRole('alert').innerText()).toMatch(words.taken);
      await shot(page, 'users-refused');
      await page.keyboard.press('Escape');
      await again.waitFor({ state: 'detached' });

      await row.getByLabel(new RegExp(`^${words.role}`)).click();
      await page.getByRole('option', { name: words.manager, exact: true }).click();
      await expect
        .poll(
          async () =>
            (
              await t.db
                .selectFrom('user_roles')
                .select('role')
                .where('user_id', '=', sophie.id)
                .executeTakeFirstOrThrow()
            ).role,
        )
        .toBe('manager');
      await row.getByRole('button', { name: words.deactivate }).click();
      await expect
        .poll(
          async () =>
            (
              await t.db
                .selectFrom('users')
                .select('disabled_at')
                .where('id', '=', sophie.id)
                .executeTakeFirstOrThrow()
            ).disabled_at,
        )
        .not.toBeNull();
      await page.waitForLoadState('networkidle');
      await shot(page, `users-${language}`);
      expect(await seriousViolations(page, { exclude: MESSAGE_FRAMES })).toEqual([]);

      // An API token: shown once, listed by name, then revoked.
      await page.getByRole('tab', { name: words.tokens }).click();
      await page.getByRole('button', { name: words.create }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: new RegExp(`^${words.name}`) }).fill('Shop system sync');
      await dialog.getByRole('button', { name: words.createSubmit }).click();
      const secret = await page.getByTestId('token-secret').innerText();
      await page.getByRole('dialog').filter({ hasText: words.createSubmit }).waitFor({ state: 'detached' });
      expect(secret).toMatch(/^rl_\S{20,}$/);
      await shot(page, 'token-shown-once');
      await page.getByRole('button', { name: words.stored }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      const token = await t.db
        .selectFrom('api_tokens')
        .select(['id', 'token_hash'])
        .where('name', '=', 'Shop system sync')
        .executeTakeFirstOrThrow();
      expect(token.token_hash).not.toContain(secret);
      const tokenRow = page.getByTestId(`token-${token.id}`);
      await tokenRow.waitFor();
      expect(await page.getByTestId('tokens-table').innerText()).not.toContain(secret);
      expect(await seriousViolations(page, { exclude: MESSAGE_FRAMES })).toEqual([]);
      await shot(page, `tokens-${language}`);
      await tokenRow.getByRole('button', { name: words.revoke }).click();
      await page.getByRole('dialog').getByRole('button', { name: words.revoke }).click();
      await tokenRow.waitFor({ state: 'detached' });
      expect(
        (
          await t.db
            .selectFrom('api_tokens')
            .select('revoked_at')
            .where('id', '=', token.id)
            .executeTakeFirstOrThrow()
        ).revoked_at,
      ).not.toBeNull();
      await page.close();
    },
  );

  it(
    'creates a promotion, a campaign offering it, sees the preview count and sends it',
    { timeout: 240_000 },
    async () => {
      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page);
      // Waits until the language is saved: a page loaded before that came in the previous one.
      await pickLanguage(page, 'en');
      await page.goto(`${base}/console/promotions`);
      await page.getByRole('heading', { name: 'Promotions', level: 2 }).waitFor();
      await page.getByRole('button', { name: 'New promotion' }).first().click();
      await page.getByLabel('Name').fill('Browser brakes');
      await page.getByLabel('Coupon code').fill('BRAKE20');
      await page.getByLabel('Offer text (English)').fill('20% off brake pads');
      await page.getByLabel('Offer text (Français)').fill('20 % sur les plaquettes');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByTestId('promotions-table').getByText('Browser brakes').waitFor();

      await page.goto(`${base}/console/campaigns`);
      await page.getByRole('heading', { name: 'Campaigns', level: 2 }).waitFor();
      await page.getByRole('button', { name: 'New campaign' }).first().click();
      await page.getByLabel('Name').fill('Brake days');
      await page.getByText('A promotion', { exact: true }).click();
      await page.getByTestId('campaign-promotion').click();
      await page.getByRole('option', { name: 'Browser brakes' }).click();
      await page.getByRole('button', { name: 'Save draft' }).click();
      const row = page.getByTestId('campaigns-table').getByRole('row', { name: /Brake days/ });
      await row.waitFor();
      await row.getByRole('button', { name: 'Preview & send' }).click();

      // No segment filter: every customer of the location is in it, each sent or held with a reason.
      const customers = await t.db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('org_id', '=', orgId)
        .where('location_id', '=', locationId)
        .executeTakeFirstOrThrow();
      await expect
        .poll(() => page.getByTestId('preview-total').innerText())
        .toBe(new Intl.NumberFormat('en').format(Number(customers.n)));
      const toSend = Number((await page.getByTestId('preview-to-send').innerText()).replace(/\D/g, ''));
      expect(toSend).toBeGreaterThan(0);
      // The message itself, rendered by the template preview (the shipped CAMPAIGN template).
      const message = page.getByTestId('campaign-message');
      await expect.poll(() => message.innerText(), { timeout: 30_000 }).toMatch(/Subject: \S/);
      // The rendered email itself (a sandboxed frame) offers that promotion: its text and coupon,
      // in each language (English where it has none).
      const email = () => message.frameLocator('iframe').locator('body').innerText();
      await expect.poll(email, { timeout: 30_000 }).toContain('20% off brake pads');
      expect(await email()).toContain('BRAKE20');
      await message.getByText('Français', { exact: true }).click();
      await expect.poll(email, { timeout: 30_000 }).toContain('20 % sur les plaquettes');
      expect(await email()).toContain('BRAKE20');
      await message.getByText('Español', { exact: true }).click();
      await expect.poll(email, { timeout: 30_000 }).toContain('20% off brake pads');
      await message.getByText('English', { exact: true }).click();
      await expect.poll(email, { timeout: 30_000 }).toContain('20% off brake pads');
      await shot(page, 'campaign-preview');
      expect(await seriousViolations(page, { exclude: MESSAGE_FRAMES })).toEqual([]);
      await page.getByRole('button', { name: 'Send today' }).click();
      await row.getByText('Sent', { exact: true }).waitFor();
      const campaign = await t.db
        .selectFrom('campaigns')
        .select(['id', 'status'])
        .where('name', '=', 'Brake days')
        .executeTakeFirstOrThrow();
      expect(campaign.status).toBe('sent');
      const made = await t.db
        .selectFrom('messages')
        .select(['status'])
        .where('org_id', '=', orgId)
        .where('kind', '=', 'CAMPAIGN')
        .where('dedupe_key', 'like', `%/k${campaign.id}/%`)
        .execute();
      expect(made.length).toBe(Number(customers.n));
      expect(made.filter((m) => m.status === 'pending').length).toBe(toSend);
      // Once mailed (as the worker would), one recipient comes back the next day: the list says so.
      const mailed = await t.db
        .updateTable('messages')
        .set({ status: 'sent' })
        .where('org_id', '=', orgId)
        .where('kind', '=', 'CAMPAIGN')
        .where('dedupe_key', 'like', `%/k${campaign.id}/%`)
        .where('status', '=', 'pending')
        .returning(['customer_id', 'due_on'])
        .execute();
      const back = mailed[0]!;
      const nextDay = new Date(`${String(back.due_on).slice(0, 10)}T12:00:00Z`);
      nextDay.setUTCDate(nextDay.getUTCDate() + 1);
      await t.db
        .insertInto('repair_orders')
        .values({
          org_id: orgId,
          location_id: locationId,
          ro_number: 'CAMPAIGN-BACK',
          customer_id: back.customer_id,
          opened_on: nextDay.toISOString().slice(0, 10),
          closed_on: nextDay.toISOString().slice(0, 10),
          status: 'closed',
          total_amount: '180.00',
        } as never)
        .execute();
      await page.reload();
      await expect
        .poll(() => page.getByTestId(`campaign-result-${campaign.id}`).innerText(), { timeout: 30_000 })
        .toMatch(new RegExp(`^1 of ${new Intl.NumberFormat('en').format(toSend)} came back \\(`));
      await shot(page, 'campaign-sent');
      expect(await seriousViolations(page, { exclude: MESSAGE_FRAMES })).toEqual([]);
      await page.close();
    },
  );

  it('lists the partner exports and downloads a day’s file', { timeout: 120_000 }, async () => {
    await setPartner(ctx, { orgId, locationId }, 'mechanicnet', {
      settings: { shop_id: 'MN-DEMO', endpoint: 'http://127.0.0.1:9/x' },
    });
    const runs = await t.db
      .insertInto('export_runs')
      .values([
        {
          org_id: orgId,
          location_id: locationId,
          partner: 'mechanicnet',
          run_on: '2026-11-20',
          status: 'succeeded',
          rows: 42,
          bytes: 9000,
          finished_at: new Date('2026-11-21T07:02:00Z'),
        },
        {
          org_id: orgId,
          location_id: locationId,
          partner: 'carfax',
          run_on: '2026-11-20',
          status: 'failed',
          attempts: 3,
          error: 'upload refused: HTTP 503',
          finished_at: new Date('2026-11-21T07:03:00Z'),
        },
      ])
      .returning('id')
      .execute();
    const page = await newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page);
    await page.goto(`${base}/console/exports`);
    const sent = page.getByTestId(`export-run-${runs[0]!.id}`);
    await sent.waitFor();
    expect(await page.getByTestId(`export-run-${runs[1]!.id}`).innerText()).toContain(
      'upload refused: HTTP 503',
    );
    await page.waitForLoadState('networkidle');
    const { language } = await t.db
      .selectFrom('users')
      .select('language')
      .where('email', '=', DEMO_LOGIN.email)
      .executeTakeFirstOrThrow();
    await shot(page, `exports-${language}`);
    expect(await seriousViolations(page, { exclude: MESSAGE_FRAMES })).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), sent.getByRole('button').click()]);
    expect(download.suggestedFilename()).toMatch(/^mechanicnet-.*-2026-11-20\.csv$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(path, 'utf8').split(/\r?\n/)[0]).toMatch(/^shop_id,shop_name,ro_number/);
    await page.close();
  });
  it(
    'CRM set-up: a bad feedback link refused on its field in the user’s language; the review link https only; the General and Email tabs saved and still there after a reload',
    { timeout: 180_000 },
    async () => {
      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page);
      const { language } = await t.db
        .selectFrom('users')
        .select('language')
        .where('email', '=', DEMO_LOGIN.email)
        .executeTakeFirstOrThrow();
      await page.goto(`${base}/console/settings`);
      const owner = page.getByTestId('general-business_owner');
      await owner.waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, `settings-general-${language}`);

      // What the API answers for that link, in the user's language, is what the field shows.
      const refusal = await page.evaluate(
        async ({ id, lang }) => {
          const me = (await (await fetch('/api/v1/me')).json()) as { csrf_token: string };
          const now = (await (await fetch(`/api/v1/locations/${id}/settings`)).json()) as {
            general: Record<string, unknown>;
          };
          const res = await fetch(`/api/v1/locations/${id}/settings/general`, {
            method: 'PUT',
            headers: {
              'content-type': 'application/json',
              'x-csrf-token': me.csrf_token,
              'accept-language': lang,
            },
            body: JSON.stringify({ ...now.general, feedback_link: 'our website' }),
          });
          return {
            status: res.status,
            error: ((await res.json()) as { error: { message: string; field: string } }).error,
          };
        },
        { id: locationId, lang: language },
      );
      expect(refusal.status).toBe(400);
      expect(refusal.error.field).toBe('feedback_link');
      const link = page.getByTestId('general-feedback_link');
      await link.fill('our website');
      await page.getByTestId('settings-general').locator('button[type=submit]').click();
      await expect.poll(() => link.getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('settings-general').locator('.mantine-TextInput-error').innerText()).toBe(
        refusal.error.message,
      );

      const ownerName = `Owner ${Date.now()}`;
      await owner.fill(ownerName);
      await link.fill('https://garage.example/reviews');
      await page.getByTestId('settings-general').locator('button[type=submit]').click();
      await expect
        .poll(
          async () =>
            (
              await t.db
                .selectFrom('locations')
                .select(['business_owner', 'feedback_link'])
                .where('id', '=', locationId)
                .executeTakeFirstOrThrow()
            ).business_owner,
        )
        .toBe(ownerName);
      await page.reload();
      await expect.poll(() => page.getByTestId('general-business_owner').inputValue()).toBe(ownerName);
      expect(await page.getByTestId('general-feedback_link').inputValue()).toBe(
        'https://garage.example/reviews',
      );

      // The public review link (review requests): https:// only, refused on its field.
      const review = page.getByTestId('general-review_link');
      await review.fill('http://g.page/r/garage/review');
      await page.getByTestId('settings-general').locator('button[type=submit]').click();
      await expect.poll(() => review.getAttribute('aria-invalid')).toBe('true');
      await review.fill('https://g.page/r/garage/review');
      await page.getByTestId('settings-general').locator('button[type=submit]').click();
      await expect
        .poll(
          async () =>
            (
              await t.db
                .selectFrom('locations')
                .select('review_link')
                .where('id', '=', locationId)
                .executeTakeFirstOrThrow()
            ).review_link,
        )
        .toBe('https://g.page/r/garage/review');

      // Email: one rule's days and the frequency cap.
      const rule = await t.db
        .selectFrom('message_rules')
        .select(['kind', 'channel', 'days'])
        .where('location_id', '=', locationId)
        .where('kind', '=', 'REMINDER_1')
        .where('channel', '=', 'email')
        .executeTakeFirstOrThrow();
      const days = rule.days + 7;
      await page.getByRole('tab', { name: /^(Email|Courriel|Correo)$/ }).click();
      const cell = page.getByTestId('days-REMINDER_1-email');
      await cell.waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, `settings-email-${language}`);
      expect(await seriousViolations(page, { exclude: MESSAGE_FRAMES })).toEqual([]);
      await cell.fill(String(days));
      await page.getByTestId('email-cap_count').fill('3');
      await page.getByTestId('settings-email').locator('button[type=submit]').click();
      await expect
        .poll(
          async () =>
            (
              await t.db
                .selectFrom('message_rules')
                .select('days')
                .where('location_id', '=', locationId)
                .where('kind', '=', 'REMINDER_1')
                .where('channel', '=', 'email')
                .executeTakeFirstOrThrow()
            ).days,
        )
        .toBe(days);
      const saved = await t.db
        .selectFrom('locations')
        .select('cap_count')
        .where('id', '=', locationId)
        .executeTakeFirstOrThrow();
      expect(saved.cap_count).toBe(3);
      await page.reload();
      await expect.poll(() => page.getByTestId('days-REMINDER_1-email').inputValue()).toBe(String(days));
      expect(await page.getByTestId('email-cap_count').inputValue()).toBe('3');
      await page.close();
    },
  );
  it(
    'CRM set-up, Email tab: the control group of a kind set to 10 %, kept after a reload, axe clean; off again',
    { timeout: 120_000 },
    async () => {
      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page);
      const { language } = await t.db
        .selectFrom('users')
        .select('language')
        .where('email', '=', DEMO_LOGIN.email)
        .executeTakeFirstOrThrow();
      const share = async () =>
        (
          await t.db
            .selectFrom('control_groups')
            .select('share')
            .where('location_id', '=', locationId)
            .where('kind', '=', 'INACTIVE')
            .executeTakeFirst()
        )?.share ?? 0;
      expect(Number(await share())).toBe(0);
      await page.goto(`${base}/console/settings?tab=email`);
      const input = page.getByTestId('control-INACTIVE');
      await input.waitFor();
      expect(await input.inputValue()).toBe('0 %');
      await input.fill('10');
      await page.getByTestId('control-groups-save').click();
      await expect.poll(async () => Number(await share())).toBe(0.1);
      await page.reload();
      await expect.poll(() => page.getByTestId('control-INACTIVE').inputValue()).toBe('10 %');
      await page.waitForLoadState('networkidle');
      await page.evaluate('window.scrollTo(0, 0)');
      await shot(page, `settings-control-group-${language}`);
      expect(await seriousViolations(page, { exclude: MESSAGE_FRAMES })).toEqual([]);
      // Back to off (the default), as the other tests expect.
      await page.getByTestId('control-INACTIVE').fill('0');
      await page.getByTestId('control-groups-save').click();
      await expect.poll(async () => Number(await share())).toBe(0);
      await page.close();
    },
  );
  it(
    'CRM set-up: the postcard return address saved; the CARFAX terms shown before they are accepted, switching on refused until they are, the token never shown back; every tab with no serious axe violation',
    { timeout: 180_000 },
    async () => {
      // Earlier tests may have switched CARFAX on: start from a location that never did.
      await t.db
        .deleteFrom('partner_settings')
        .where('location_id', '=', locationId)
        .where('partner', '=', 'carfax')
        .execute();
      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page);
      const { language } = await t.db
        .selectFrom('users')
        .select('language')
        .where('email', '=', DEMO_LOGIN.email)
        .executeTakeFirstOrThrow();
      const problems: string[] = [];
      for (const tab of ['postcards', 'customerlink', 'mechanicnet', 'carfax']) {
        await page.goto(`${base}/console/settings?tab=${tab}`);
        await page.getByTestId(`settings-${tab}`).waitFor();
        await page.waitForLoadState('networkidle');
        await shot(page, `settings-${tab}-${language}`);
        for (const v of await seriousViolations(page, { exclude: MESSAGE_FRAMES }))
          problems.push(`${tab}: ${v}`);
      }
      expect(problems).toEqual([]);

      const city = `Ville ${Date.now()}`;
      await page.goto(`${base}/console/settings?tab=postcards`);
      await page.getByTestId('postcards-city').fill(city);
      await page.getByTestId('settings-postcards').locator('button[type=submit]').click();
      await expect
        .poll(
          async () =>
            (
              await t.db
                .selectFrom('locations')
                .select('city')
                .where('id', '=', locationId)
                .executeTakeFirstOrThrow()
            ).city,
        )
        .toBe(city);
      await page.reload();
      await expect.poll(() => page.getByTestId('postcards-city').inputValue()).toBe(city);

      await page.goto(`${base}/console/settings?tab=carfax`);
      const terms = page.getByTestId('carfax-terms');
      await terms.waitFor();
      expect(await page.getByTestId('carfax-accept_terms').count()).toBe(0);
      await page.getByTestId('carfax-enabled').check({ force: true });
      const accept = page.getByTestId('carfax-accept_terms');
      await accept.waitFor();
      // The terms are above the box that accepts them.
      expect((await terms.boundingBox())!.y).toBeLessThan((await accept.boundingBox())!.y);
      await page.getByTestId('carfax-endpoint').fill('https://partners.carfax.example/service-records');
      await page.getByTestId('carfax-token').fill('tok-secret-4242');
      const form = page.getByTestId('settings-carfax');
      await form.locator('button[type=submit]').click();
      await expect.poll(() => form.locator('.mantine-Checkbox-error').count()).toBe(1);
      expect(await form.locator('.mantine-Checkbox-error').innerText()).toMatch(/accept_terms/);
      expect(
        await t.db
          .selectFrom('partner_settings')
          .select('partner')
          .where('location_id', '=', locationId)
          .where('partner', '=', 'carfax')
          .executeTakeFirst(),
      ).toBeUndefined();
      await accept.check({ force: true });
      await form.locator('button[type=submit]').click();
      await expect
        .poll(async () =>
          t.db
            .selectFrom('partner_settings')
            .select(['enabled', 'consent_at', 'secret_ciphertext'])
            .where('location_id', '=', locationId)
            .where('partner', '=', 'carfax')
            .executeTakeFirst(),
        )
        .toMatchObject({ enabled: true, consent_at: expect.any(Date) });
      await page.reload();
      await page.getByTestId('carfax-token').waitFor();
      expect(await page.getByTestId('carfax-token').inputValue()).toBe('');
      expect(await page.getByTestId('carfax-enabled').isChecked()).toBe(true);
      expect(await page.getByTestId('carfax-accept_terms').count()).toBe(0);
      expect(await page.content()).not.toContain('tok-secret-4242');
      await page.close();
    },
  );

  it(
    'texts: the mobile number edited on the contact card, the unread conversation answered from the inbox (refused after STOP), the reply in the thread and in the caught texts, the Text messages tab saved without showing its token back; each in en/fr/es with no serious axe violation',
    { timeout: 300_000 },
    async () => {
      // The operator switched texts on; no provider switched on (the local catcher), texts all day.
      await t.db.updateTable('locations').set({ sms_enabled: true }).where('id', '=', locationId).execute();
      await t.db
        .insertInto('sms_settings')
        .values({
          org_id: orgId,
          location_id: locationId,
          enabled: false,
          account_sid: 'AC-demo',
          auth_token_ciphertext: 'set-in-an-earlier-session',
          from_number: '+15145550100',
          send_from_hour: 0,
          send_until_hour: 24,
        })
        .onConflict((oc) => oc.columns(['org_id', 'location_id']).doNothing())
        .execute();
      await t.db
        .insertInto('customer_consents')
        .values({
          org_id: orgId,
          customer_id: texter,
          channel: 'text',
          purpose: 'service',
          basis: 'express',
          source: 'staff',
          given_on: '2026-01-05',
          evidence: JSON.stringify({ text: 'Signed the texting box on the work order' }),
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page);

      // The mobile number: refused on the field when not E.164, then saved and shown on the card.
      await page.goto(`${base}/console/customers/${texter}`);
      await page.getByTestId('customer-mobile-edit').click();
      await page.getByTestId('customer-mobile-input').fill('514 555');
      await page.getByTestId('customer-mobile-save').click();
      await expect.poll(() => page.locator('.mantine-TextInput-error').count()).toBe(1);
      expect(await page.locator('.mantine-TextInput-error').innerText()).toMatch(/E\.164/);
      await page.getByTestId('customer-mobile-input').fill(TEXTER_MOBILE);
      await page.getByTestId('customer-mobile-save').click();
      await expect.poll(() => page.getByTestId('customer-mobile').innerText()).toContain(TEXTER_MOBILE);
      await shot(page, 'customer-mobile');

      // The menu's badge counts the unread text; opening the conversation reads it.
      await expect.poll(() => page.getByTestId('inbox-unread').innerText()).toBe('1');
      await page.goto(`${base}/console/inbox`);
      await page.getByTestId(`conversation-${texter}`).click();
      await page.waitForURL(new RegExp(`/console/inbox/${texter}$`));
      await page.getByTestId('text-in').first().waitFor();
      await expect.poll(() => page.getByTestId('inbox-unread').count()).toBe(0);
      const reply = `Ready at 5 pm, see you soon ${Date.now() % 10000}`;
      await page.getByTestId('reply-body').fill(reply);
      await page.getByTestId('reply-send').click();
      await expect.poll(() => page.getByTestId('text-out').last().innerText()).toContain(reply);
      const queued = await t.db
        .selectFrom('messages')
        .select(['id', 'status'])
        .where('org_id', '=', orgId)
        .where('kind', '=', 'STAFF_TEXT')
        .executeTakeFirstOrThrow();
      expect(queued.status).toBe('pending');
      // The send worker (in process with npm start) texts it: here to the local catcher.
      await runWorker(ctx, { once: true });
      await expect
        .poll(async () =>
          t.db
            .selectFrom('messages')
            .select('status')
            .where('org_id', '=', orgId)
            .where('id', '=', queued.id)
            .executeTakeFirst(),
        )
        .toEqual({ status: 'sent' });
      await page.reload();
      await page.getByTestId('text-out').last().waitFor();
      expect(await page.getByTestId('text-out').last().innerText()).toMatch(/sent|envoyé|enviado/);
      await shot(page, 'inbox-thread');
      await page.goto(`${base}/texts`);
      expect(await page.locator('body').innerText()).toContain(reply);
      expect(await page.locator('body').innerText()).toContain(TEXTER_MOBILE);
      await shot(page, 'caught-texts');

      // A number that texted STOP cannot be texted: the refusal shows on the answer, nothing is queued.
      await t.db
        .insertInto('sms_opt_outs')
        .values({
          org_id: orgId,
          location_id: locationId,
          phone: TEXTER_MOBILE,
          keyword: 'STOP',
          opted_out_at: new Date(),
        })
        .execute();
      // The thread says so in place of the answer form (the API's cannot_text).
      await page.goto(`${base}/console/inbox/${texter}`);
      await page.getByTestId('cannot-text').waitFor();
      expect(await page.getByTestId('cannot-text').innerText()).toMatch(/STOP/);
      expect(await page.getByTestId('reply-body').count()).toBe(0);
      await shot(page, 'inbox-refused-after-stop');
      const staffTexts = await t.db
        .selectFrom('messages')
        .select('id')
        .where('org_id', '=', orgId)
        .where('kind', '=', 'STAFF_TEXT')
        .execute();
      expect(staffTexts).toHaveLength(1);

      // The Text messages tab: a sender the API refuses shows on its field; the token is never shown back.
      await page.goto(`${base}/console/settings?tab=sms`);
      const form = page.getByTestId('settings-sms');
      await form.waitFor();
      await page.getByTestId('sms-account_sid').fill('AC0123456789abcdef0123456789abcdef');
      await page.getByTestId('sms-auth_token').fill('sms-secret-9876');
      await page.getByTestId('sms-from_number').fill('12');
      await form.locator('button[type=submit]').click();
      await expect.poll(() => form.locator('.mantine-TextInput-error').count()).toBe(1);
      await page.getByTestId('sms-from_number').fill('+15145550100');
      await form.locator('button[type=submit]').click();
      await expect
        .poll(async () =>
          t.db
            .selectFrom('sms_settings')
            .select(['account_sid', 'enabled', 'auth_token_ciphertext'])
            .where('location_id', '=', locationId)
            .executeTakeFirstOrThrow(),
        )
        .toMatchObject({ account_sid: 'AC0123456789abcdef0123456789abcdef', enabled: false });
      const stored = await t.db
        .selectFrom('sms_settings')
        .select('auth_token_ciphertext')
        .where('location_id', '=', locationId)
        .executeTakeFirstOrThrow();
      expect(stored.auth_token_ciphertext).not.toContain('sms-secret-9876');
      await page.reload();
      await page.getByTestId('sms-auth_token').waitFor();
      expect(await page.getByTestId('sms-auth_token').inputValue()).toBe('');
      expect(await page.content()).not.toContain('sms-secret-9876');

      // Each new screen in the three languages, with axe.
      const problems: string[] = [];
      for (const language of ['en', 'fr', 'es'] as const) {
        await page.goto(`${base}/console/today`);
        await pickLanguage(page, language);
        for (const path of [
          `/console/inbox/${texter}`,
          '/console/settings?tab=sms',
          `/console/customers/${texter}`,
        ]) {
          await page.goto(`${base}${path}`);
          await page.getByRole('heading', { level: 2 }).first().waitFor();
          await page.waitForLoadState('networkidle');
          await shot(page, `texts-${language}${path.replace(/[/?=]/g, '-')}`);
          for (const v of await seriousViolations(page, { exclude: MESSAGE_FRAMES }))
            problems.push(`${language} ${path}: ${v}`);
        }
        await page.getByTestId('customer-mobile-edit').click();
        await page.getByTestId('customer-mobile-input').waitFor();
        // Its help says that a new number ends the consent given for the old one.
        await shot(page, `texts-${language}-mobile-dialog`);
        for (const v of await seriousViolations(page, { exclude: MESSAGE_FRAMES }))
          problems.push(`${language} mobile dialog: ${v}`);
        // The caught texts page speaks the browser's language (Accept-Language), as the mailbox does.
        await page.setExtraHTTPHeaders({ 'accept-language': language });
        await page.goto(`${base}/texts`, { waitUntil: 'networkidle' });
        await shot(page, `texts-${language}-caught-texts`);
        await page.setExtraHTTPHeaders({});
        for (const v of await seriousViolations(page, { exclude: MESSAGE_FRAMES }))
          problems.push(`${language} /texts: ${v}`);
      }
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it(
    'texts from numbers that match no customer: read, answered and linked to a customer from the inbox; "Send a text" on the customer card opens the conversation ready to write, or says why the customer cannot be texted; in en/fr/es with no serious axe violation',
    { timeout: 300_000 },
    async () => {
      await t.db.updateTable('locations').set({ sms_enabled: true }).where('id', '=', locationId).execute();
      await t.db
        .insertInto('sms_settings')
        .values({
          org_id: orgId,
          location_id: locationId,
          enabled: false,
          account_sid: 'AC-demo',
          auth_token_ciphertext: 'set-in-an-earlier-session',
          from_number: '+15145550100',
          send_from_hour: 0,
          send_until_hour: 24,
        })
        .onConflict((oc) => oc.columns(['org_id', 'location_id']).doNothing())
        .execute();
      const stranger = '+15145550177';
      const other = '+15145550178';
      for (const [phone, body, sid] of [
        [stranger, 'Hello, do you change winter tires? This is Dana', 'SMunknown01'],
        [other, 'Wrong number?', 'SMunknown02'],
      ] as const)
        await t.db
          .insertInto('sms_conversation')
          .values({
            org_id: orgId,
            location_id: locationId,
            customer_id: null,
            direction: 'in',
            phone,
            body,
            provider_sid: sid,
            at: new Date(Date.now() - 600_000),
          })
          .execute();
      // Two demo customers besides the texter: one with a mobile number and consent for texts,
      // one without a mobile number (Dana, once staff recognise her number).
      const [withConsent, dana] = await t.db
        .selectFrom('customers')
        .select(['id', 'mailing_name'])
        .where('location_id', '=', locationId)
        .where('id', '!=', texter)
        .orderBy('id')
        .limit(2)
        .execute();
      await t.db
        .updateTable('customers')
        .set({ mobile_phone: '+15145550160', do_not_mail: false })
        .where('id', '=', withConsent!.id)
        .execute();
      await t.db
        .insertInto('customer_consents')
        .values({
          org_id: orgId,
          customer_id: withConsent!.id,
          channel: 'text',
          purpose: 'service',
          basis: 'express',
          source: 'staff',
          given_on: '2026-01-05',
          evidence: JSON.stringify({ text: 'Signed the texting box on the work order' }),
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await t.db.updateTable('customers').set({ mobile_phone: null }).where('id', '=', dana!.id).execute();
      await t.db
        .deleteFrom('customer_consents')
        .where('org_id', '=', orgId)
        .where('customer_id', '=', dana!.id)
        .where('channel', '=', 'text')
        .execute();

      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page);
      await pickLanguage(page, 'en');

      // The unknown number is a conversation of its own, read when opened, answered like a customer.
      await page.goto(`${base}/console/inbox`);
      await page.getByTestId(`conversation-${stranger}`).click();
      await page.waitForURL(/\/console\/inbox\/number\/(%2B|\+)15145550177$/);
      await page.getByTestId('text-in').first().waitFor();
      expect(await page.getByTestId('thread').innerText()).toMatch(/unknown number/i);
      await expect
        .poll(async () =>
          t.db
            .selectFrom('sms_conversation')
            .select('read_at')
            .where('org_id', '=', orgId)
            .where('phone', '=', stranger)
            .where('direction', '=', 'in')
            .executeTakeFirstOrThrow(),
        )
        .toEqual({ read_at: expect.any(Date) as unknown });
      await page.getByTestId('reply-body').fill('Yes, book online or call us. Who is this?');
      await page.getByTestId('reply-send').click();
      await expect.poll(() => page.getByTestId('text-out').last().innerText()).toContain('Who is this?');
      await runWorker(ctx, { once: true });
      await expect
        .poll(async () =>
          t.db
            .selectFrom('caught_texts')
            .select('body')
            .where('org_id', '=', orgId)
            .where('to_number', '=', stranger)
            .execute(),
        )
        .toEqual([{ body: 'Yes, book online or call us. Who is this?' }]);
      await page.reload();
      await page.getByTestId('text-out').last().waitFor();
      expect(await page.getByTestId('text-out').last().innerText()).toMatch(/sent/);
      await shot(page, 'inbox-unknown-number');

      // Linked to Dana: her conversation from now on, her mobile number (she had none).
      const search = dana!.mailing_name.split(' ')[0]!;
      await page.getByTestId('link-customer').fill(search);
      await page
        .getByRole('option', { name: new RegExp(dana!.mailing_name) })
        .first()
        .click();
      await shot(page, 'inbox-unknown-number-link');
      await page.getByTestId('link-send').click();
      await page.waitForURL(new RegExp(`/console/inbox/${dana!.id}$`));
      // The customer's thread replaces the number's (same scene, another route: wait for it).
      await expect.poll(() => page.getByTestId('thread').innerText()).toContain(dana!.mailing_name);
      await expect.poll(() => page.getByTestId('text-in').count()).toBe(1);
      // She has no consent for texts: the thread says why she cannot be texted, no answer form.
      await page.getByTestId('cannot-text').waitFor();
      expect(await page.getByTestId('reply-body').count()).toBe(0);
      const linked = await t.db
        .selectFrom('customers')
        .select('mobile_phone')
        .where('id', '=', dana!.id)
        .executeTakeFirstOrThrow();
      expect(linked.mobile_phone).toBe(stranger);
      await shot(page, 'inbox-linked-no-consent');

      // "Send a text" on a customer's card: the conversation opens (empty), ready to write.
      await page.goto(`${base}/console/customers/${withConsent!.id}`);
      await page.getByTestId('customer-send-text').click();
      await page.waitForURL(new RegExp(`/console/inbox/${withConsent!.id}\\?write=1$`));
      await page.getByTestId('reply-body').waitFor();
      await expect
        .poll(() => page.evaluate("document.activeElement?.getAttribute('data-testid')"))
        .toBe('reply-body');
      expect(await page.getByTestId('thread').innerText()).toContain('No texts in this conversation');
      await page.keyboard.type('Your estimate is ready: 480 $. Shall we go ahead?');
      await page.getByTestId('reply-send').click();
      await expect.poll(() => page.getByTestId('text-out').count()).toBe(1);
      await shot(page, 'card-send-text');
      const started = await t.db
        .selectFrom('messages')
        .select(['kind', 'channel', 'status'])
        .where('org_id', '=', orgId)
        .where('customer_id', '=', withConsent!.id)
        .where('kind', '=', 'STAFF_TEXT')
        .execute();
      expect(started).toEqual([{ kind: 'STAFF_TEXT', channel: 'sms', status: 'pending' }]);

      const problems: string[] = [];
      for (const language of ['en', 'fr', 'es'] as const) {
        await page.goto(`${base}/console/today`);
        await pickLanguage(page, language);
        for (const path of [
          `/console/inbox/number/${encodeURIComponent(other)}`,
          `/console/inbox/${dana!.id}`,
          `/console/customers/${withConsent!.id}`,
        ]) {
          await page.goto(`${base}${path}`);
          await page.getByRole('heading', { level: 2 }).first().waitFor();
          await page.waitForLoadState('networkidle');
          await shot(page, `texts-gaps-${language}${path.replace(/[/?=%]/g, '-')}`);
          for (const v of await seriousViolations(page, { exclude: MESSAGE_FRAMES }))
            problems.push(`${language} ${path}: ${v}`);
        }
      }
      expect(problems).toEqual([]);
      await page.goto(`${base}/console/today`);
      await pickLanguage(page, 'en');
      await page.close();
    },
  );

  it(
    'sorts lists on the server, shows a sent message as it was sent and previews a postcard as its PDF (issue 15), in three languages',
    { timeout: 300_000 },
    async () => {
      const customer = await t.db
        .selectFrom('customers')
        .select(['id'])
        .where('location_id', '=', locationId)
        .where('do_not_mail', '=', false)
        .where('address_line1', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const sent: Record<string, number> = {};
      for (const channel of ['email', 'postcard'] as const)
        sent[channel] = (
          await t.db
            .insertInto('messages')
            .values({
              org_id: orgId,
              location_id: locationId,
              kind: 'THANK_YOU',
              channel,
              customer_id: customer.id,
              due_on: '2026-11-02',
              dedupe_key: `issue15-${channel}`,
              status: 'sent',
              sent_at: new Date('2026-11-02T15:00:00Z'),
              payload: { vehicles: [] },
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      // Open P00 calls for three customers, so the call list has rows to sort.
      const callees = await t.db
        .selectFrom('customers')
        .select('id')
        .where('location_id', '=', locationId)
        .orderBy('id', 'desc')
        .limit(3)
        .execute();
      for (const [i, c] of callees.entries())
        await t.db
          .insertInto('staff_tasks')
          .values({
            org_id: orgId,
            location_id: locationId,
            kind: 'P00',
            customer_id: c.id,
            assigned_role: 'crm_agent',
            due_on: `2026-11-0${i + 1}`,
          })
          .execute();
      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page);
      const problems: string[] = [];
      // With the message's dialog open, the dialog is checked (the page behind its overlay is dimmed
      // on purpose, which axe would measure as low contrast).
      const axe = async (where: string, within?: string) => {
        for (const v of await seriousViolations(page, { exclude: MESSAGE_FRAMES, within }))
          problems.push(`${where}: ${v}`);
      };
      for (const language of ['en', 'fr', 'es'] as const) {
        await pickLanguage(page, language);

        // Customers sorted by name on the server, then reversed.
        await page.goto(`${base}/console/customers`);
        const table = page.getByTestId('customer-table');
        await table.waitFor();
        const nameHeader = table.locator('th[data-sort-column="mailing_name"]');
        await nameHeader.getByRole('button').click();
        await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('ascending');
        await page.waitForLoadState('networkidle');
        const names = await table.locator('tbody tr td:nth-child(2)').allInnerTexts();
        const expected = (
          await t.db
            .selectFrom('customers')
            .select('mailing_name')
            .where('location_id', '=', locationId)
            .orderBy('mailing_name')
            .orderBy('id')
            .limit(25)
            .execute()
        ).map((c) => c.mailing_name);
        expect(names).toEqual(expected);
        await nameHeader.getByRole('button').click();
        await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
        await page.waitForLoadState('networkidle');
        await shot(page, `${language}-customers-sorted`);
        await axe(`${language} customers sorted`);

        // Tasks sorted by customer.
        await page.goto(`${base}/console/tasks`);
        await page.getByRole('heading', { level: 2 }).first().waitFor();
        const customerHeader = page.locator('th[data-sort-column="customer_name"]');
        await customerHeader.waitFor();
        await customerHeader.getByRole('button').click();
        await expect.poll(() => customerHeader.getAttribute('aria-sort')).toBe('ascending');
        await page.waitForLoadState('networkidle');
        const called = await page.locator('main tbody tr td:nth-child(3)').allInnerTexts();
        expect(called.length).toBeGreaterThanOrEqual(3);
        const calledInDbOrder = (
          await t.db
            .selectFrom('staff_tasks as k')
            .innerJoin('customers as c', (j) =>
              j.onRef('c.org_id', '=', 'k.org_id').onRef('c.id', '=', 'k.customer_id'),
            )
            .select('c.mailing_name')
            .where('k.location_id', '=', locationId)
            .where('k.kind', '=', 'P00')
            .where('k.status', '=', 'open')
            .orderBy('c.mailing_name')
            .orderBy('k.id')
            .limit(25)
            .execute()
        ).map((r) => r.mailing_name);
        expect(called).toEqual(calledInDbOrder);
        await shot(page, `${language}-tasks-sorted`);
        await axe(`${language} tasks sorted`);

        // The customer's file: the email and the postcard as sent.
        await page.goto(`${base}/console/customers/${customer.id}`);
        await page.getByRole('tab', { name: /^(Messages|Mensajes)/ }).click();
        await page.getByTestId(`show-message-${sent.email}`).click();
        const email = page.getByTestId('sent-email');
        await email.waitFor();
        expect(await email.getAttribute('sandbox')).toBe('');
        expect(await page.frameLocator('[data-testid="sent-email"]').locator('body').innerText()).not.toBe(
          '',
        );
        await shot(page, `${language}-sent-email`);
        await axe(`${language} sent email`, '[role="dialog"]');
        await page.keyboard.press('Escape');
        await page.getByTestId(`show-message-${sent.postcard}`).click();
        const card = page.getByTestId('sent-postcard');
        await card.waitFor();
        expect(await card.getAttribute('src')).toMatch(/^blob:/);
        await page.waitForTimeout(2_000);
        await shot(page, `${language}-sent-postcard`);
        await axe(`${language} sent postcard`, '[role="dialog"]');
        await page.keyboard.press('Escape');

        // Templates: the postcard channel previews the printed card.
        await page.goto(`${base}/console/templates`);
        await page
          .getByLabel(/^(Channel|Canal)$/)
          .first()
          .click();
        const answer = page.waitForResponse((r) => r.url().includes('/templates/postcard/preview'));
        await page
          .getByRole('option', { name: { en: 'Postcard', fr: 'Carte postale', es: 'Postal' }[language] })
          .click();
        const res = await answer;
        expect(res.status()).toBe(200);
        expect(res.headers()['content-type']).toBe('application/pdf');
        const pdf = page.getByTestId('postcard-preview');
        await pdf.waitFor();
        expect(await pdf.getAttribute('src')).toMatch(/^blob:/);
        // The browser's PDF viewer draws the pages after the frame loads.
        await page.waitForTimeout(2_000);
        await shot(page, `${language}-templates-postcard`);
        await axe(`${language} templates postcard`);
      }
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it(
    'sorts the maintenance schedules by make on the server (issue 15), in three languages',
    { timeout: 180_000 },
    async () => {
      for (const [make, model] of [
        ['Zastava', 'Yugo'],
        ['Acura', 'Integra'],
      ])
        await t.db
          .insertInto('maintenance_schedules')
          .values({ org_id: orgId, location_id: locationId, name: `Sorting ${make}`, make, model })
          .execute();
      const want = (
        await t.db
          .selectFrom('maintenance_schedules')
          .select('id')
          .where('location_id', '=', locationId)
          .orderBy(sql`coalesce(make, '')`, 'desc')
          .orderBy('id', 'desc')
          .limit(20)
          .execute()
      ).map((r) => `schedule-${r.id}`);
      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page);
      const problems: string[] = [];
      for (const language of ['en', 'fr', 'es'] as const) {
        await pickLanguage(page, language);
        await page.goto(`${base}/console/maintenance`);
        const table = page.getByTestId('maintenance-table');
        await table.waitFor();
        const makeHeader = table.locator('th[data-sort-column="make"]');
        await makeHeader.getByRole('button').click();
        await expect.poll(() => makeHeader.getAttribute('aria-sort')).toBe('ascending');
        await makeHeader.getByRole('button').click();
        await expect.poll(() => makeHeader.getAttribute('aria-sort')).toBe('descending');
        await expect
          .poll(
            () =>
              table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid'))),
            {
              timeout: 15_000,
            },
          )
          .toEqual(want);
        await shot(page, `${language}-maintenance-sorted`);
        for (const v of await seriousViolations(page)) problems.push(`${language}: ${v}`);
      }
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it(
    'edits a text template beside its live preview (segments, UCS-2) and clears the undeliverable mark on the card, in three languages',
    { timeout: 300_000 },
    async () => {
      const customer = await t.db
        .selectFrom('customers')
        .select(['id'])
        .where('location_id', '=', locationId)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      const mobile = '+15145550177';
      await t.db
        .updateTable('customers')
        .set({ mobile_phone: mobile })
        .where('org_id', '=', orgId)
        .where('id', '=', customer.id)
        .execute();
      const mark = (keyword: string) =>
        t.db
          .insertInto('sms_opt_outs')
          .values({
            org_id: orgId,
            location_id: locationId,
            phone: mobile,
            keyword,
            opted_out_at: new Date('2026-11-20T15:00:00Z'),
          })
          .onConflict((oc) => oc.columns(['org_id', 'location_id', 'phone']).doUpdateSet({ keyword }))
          .execute();
      const page = await newPage();
      page.setDefaultTimeout(30_000);
      await signIn(page);
      const problems: string[] = [];
      const axe = async (where: string) => {
        for (const v of await seriousViolations(page)) problems.push(`${where}: ${v}`);
      };
      const label = { en: 'Text message', fr: 'Texto', es: 'Mensaje de texto' };
      for (const language of ['en', 'fr', 'es'] as const) {
        await page.getByTestId('language-picker').click();
        await page
          .getByRole('option', { name: { en: 'English', fr: 'Français', es: 'Español' }[language] })
          .click();
        await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(language);

        // Templates: the Text channel, previewed with its cost.
        await page.goto(`${base}/console/templates`);
        await page.getByTestId('template-body').waitFor();
        await page
          .getByLabel(/^(Channel|Canal)$/)
          .first()
          .click();
        await page.getByRole('option', { name: label[language], exact: true }).click();
        const preview = page.getByTestId('text-preview');
        await preview.waitFor();
        await shot(page, `${language}-templates-text-shipped`);
        // Only GSM-7 characters: one segment of GSM-7, the short link of a real one's length.
        const body = page.getByTestId('template-body');
        await body.fill('Hello {{short_link}}');
        await expect
          .poll(() => page.getByTestId('text-preview-body').innerText())
          .toMatch(/^Hello .*\/t\/\d+\/Sample0K$/);
        expect(await page.getByTestId('text-preview-encoding').innerText()).toBe('GSM-7');
        await shot(page, `${language}-templates-text`);
        await axe(`${language} templates text`);
        // A character outside GSM-7 switches to UCS-2 and is named.
        await body.fill(`${'a'.repeat(80)} {{business_name}} ☺`);
        await expect.poll(() => page.getByTestId('text-preview-encoding').innerText()).toBe('UCS-2');
        expect(await page.getByTestId('text-preview-nongsm').innerText()).toContain('☺');
        expect(await page.getByTestId('text-preview-segments').innerText()).toMatch(/2/);
        await shot(page, `${language}-templates-text-ucs2`);
        await axe(`${language} templates text ucs2`);
        // Saved as the location's override (channel sms, body only).
        const saved = page.waitForResponse(
          (r) => r.url().includes(`/templates/THANK_YOU/sms/`) && r.request().method() === 'PUT',
        );
        await page
          .getByRole('button', {
            name: { en: 'Save', fr: 'Enregistrer', es: 'Guardar' }[language],
            exact: true,
          })
          .click();
        expect((await saved).status()).toBe(200);
        const row = await t.db
          .selectFrom('templates')
          .select(['subject', 'body'])
          .where('org_id', '=', orgId)
          .where('location_id', '=', locationId)
          .where('kind', '=', 'THANK_YOU')
          .where('channel', '=', 'sms')
          .where('language', '=', language)
          .executeTakeFirstOrThrow();
        expect(row).toEqual({ subject: null, body: `${'a'.repeat(80)} {{business_name}} ☺` });

        // The card: an undeliverable number, cleared by staff.
        await mark('undeliverable');
        await page.goto(`${base}/console/customers/${customer.id}`);
        const note = page.getByTestId('customer-text-mark');
        await note.waitFor();
        expect(await note.getAttribute('data-reason')).toBe('undeliverable');
        await shot(page, `${language}-customer-text-undeliverable`);
        await axe(`${language} customer text undeliverable`);
        await page.getByTestId('customer-text-mark-clear').click();
        await expect.poll(() => note.count()).toBe(0);
        expect(
          await t.db
            .selectFrom('sms_opt_outs')
            .select('keyword')
            .where('org_id', '=', orgId)
            .where('phone', '=', mobile)
            .execute(),
        ).toEqual([]);
        // A STOP is shown without the button.
        await mark('STOP');
        await page.reload();
        await note.waitFor();
        expect(await note.getAttribute('data-reason')).toBe('stop');
        expect(await note.innerText()).toContain('STOP');
        expect(await page.getByTestId('customer-text-mark-clear').count()).toBe(0);
        await shot(page, `${language}-customer-text-stop`);
        await axe(`${language} customer text stop`);
        await t.db
          .deleteFrom('sms_opt_outs')
          .where('org_id', '=', orgId)
          .where('phone', '=', mobile)
          .execute();
      }
      expect(problems).toEqual([]);
      await page.close();
    },
  );
});
