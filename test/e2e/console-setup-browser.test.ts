// The staff console's set-up screens in a real browser (Debian's chromium) against the real server
// on PostgreSQL with the demo shop: the operator's screen (every location's paid options switched,
// the month's usage), maintenance schedules per make and model (one created appears and is the one
// a vehicle's grid uses), the Email tab's channel order and INACTIVE interval (saved, still there
// after a reload), courtesy vehicles in the calendar (booked with one, shown, the taken one not
// offered to another appointment at that time), and roles without settings.write (no Set-up menu,
// a clear message at its address). Both screens in English, French and Spanish with axe; each
// screenshot lands in test-results/console/ to be looked at.
// Runs only with DATABASE_URL (CI's PostgreSQL pass), like console-browser.test.ts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { DEMO_LOGIN, ensureDemoData } from '../../src/demo/first-start.ts';
import { buildApp } from '../../src/http/app.ts';
import { ensureConsoleBuilt } from '../../src/http/console/console-dist.ts';
import { makeOperator, makeStaff, PASSWORD } from '../helpers/api.ts';
import { launchChromium, pickLanguage, seriousViolations, shotsIn } from '../helpers/browser.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { testContext } from '../helpers/delivery.ts';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'console');
const run = process.env.DATABASE_URL ? describe : describe.skip;
const shot = shotsIn('console');
const LANGUAGES = ['en', 'fr', 'es'] as const;

let t: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let orgId: number;
let locationId: number;

async function signIn(page: Page, email = DEMO_LOGIN.email, password = DEMO_LOGIN.password): Promise<void> {
  await page.goto(`${base}/console/sign-in`);
  await page.locator('input[type=email]').fill(email);
  await page.locator('input[type=password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/console\/(today|operator)/);
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/** Each test starts in English, whatever language the one before left the demo owner in. */
async function english(email = DEMO_LOGIN.email): Promise<void> {
  await t.db.updateTable('users').set({ language: 'en' }).where('email', '=', email).execute();
}

/** Midday UTC of the first Monday-Friday `days` ahead (past the demo's appointments). */
function weekdayAhead(days: number): Date {
  const day = new Date();
  day.setUTCDate(day.getUTCDate() + days);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
  day.setUTCHours(15, 0, 0, 0);
  return day;
}

run('the console set-up screens in chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await ensureConsoleBuilt();
    t = await createTestDatabase();
    ctx = testContext(t);
    await ensureDemoData(ctx);
    const location = await t.db.selectFrom('locations').select(['id', 'org_id']).executeTakeFirstOrThrow();
    orgId = location.org_id;
    locationId = location.id;
    app = await buildApp(ctx);
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.close();
  });

  it(
    'the operator’s screen in English, French and Spanish: an option switched persists, the month’s texts counted; staff never see it',
    { timeout: 300_000 },
    async () => {
      const operator = await makeOperator(t.db);
      // A text sent this month by the demo location: the usage column counts it.
      const month = new Date().toISOString().slice(0, 7);
      await t.db
        .insertInto('messages')
        .values({
          org_id: orgId,
          location_id: locationId,
          kind: 'THANK_YOU',
          channel: 'sms',
          due_on: `${month}-01`,
          dedupe_key: `operator-usage-${Date.now()}`,
          status: 'sent',
          sent_at: new Date(),
        })
        .execute();
      const texts = await t.db
        .selectFrom('messages')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('location_id', '=', locationId)
        .where('channel', '=', 'sms')
        .where('status', '=', 'sent')
        .where('sent_at', '>=', new Date(`${month}-01T00:00:00Z`))
        .executeTakeFirstOrThrow();

      const page = await newPage();
      await signIn(page, operator.email, PASSWORD);
      await page.waitForURL(/\/console\/operator/);
      const problems: string[] = [];
      const headings = {
        en: /^Locations and paid options$/,
        fr: /^Établissements et options payantes$/,
        es: /^Sucursales y opciones de pago$/,
      };
      for (const language of LANGUAGES) {
        await pickLanguage(page, language);
        await page.goto(`${base}/console/operator`);
        const heading = page.getByRole('heading', { level: 2 });
        await heading.waitFor();
        expect(await heading.innerText()).toMatch(headings[language]);
        await page.getByTestId(`usage-${locationId}-sms`).waitFor();
        await page.waitForLoadState('networkidle');
        await shot(page, `${language}-operator`);
        for (const v of await seriousViolations(page)) problems.push(`${language}: ${v}`);
      }
      expect(problems).toEqual([]);
      expect(await page.getByTestId(`usage-${locationId}-sms`).innerText()).toBe(String(texts.n));

      const before = await t.db
        .selectFrom('locations')
        .select('sms_enabled')
        .where('id', '=', locationId)
        .executeTakeFirstOrThrow();
      const toggle = page.getByTestId(`option-${locationId}-sms_enabled`);
      expect(await toggle.isChecked()).toBe(before.sms_enabled);
      // Controlled by the server's answer: it changes once the PATCH is done and the list read again.
      await toggle.click({ force: true });
      await expect
        .poll(
          async () =>
            (
              await t.db
                .selectFrom('locations')
                .select('sms_enabled')
                .where('id', '=', locationId)
                .executeTakeFirstOrThrow()
            ).sms_enabled,
        )
        .toBe(!before.sms_enabled);
      await page.reload();
      await page.getByTestId(`option-${locationId}-sms_enabled`).waitFor({ state: 'attached' });
      expect(await page.getByTestId(`option-${locationId}-sms_enabled`).isChecked()).toBe(
        !before.sms_enabled,
      );
      const audit = await t.db
        .selectFrom('audit_log')
        .select(['actor_type', 'action'])
        .where('org_id', '=', orgId)
        .where('entity', '=', 'location')
        .where('action', '=', 'set_options')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(audit.actor_type).toBe('operator');
      // Put it back for the other tests.
      await t.db
        .updateTable('locations')
        .set({ sms_enabled: before.sms_enabled })
        .where('id', '=', locationId)
        .execute();
      await page.close();

      // A shop owner has no Operator link and, at its address, is told the screen is not theirs.
      await english();
      const owner = await newPage();
      await signIn(owner);
      expect(await owner.getByRole('navigation').getByRole('link', { name: 'Operator' }).count()).toBe(0);
      await owner.goto(`${base}/console/operator`);
      await expect
        .poll(() => owner.getByRole('alert').innerText())
        .toMatch(/Only the installation’s operator/);
      await owner.close();
    },
  );

  it(
    'maintenance schedules in English, French and Spanish; one created for a make and model appears, is used by its vehicles’ grid, is edited and deleted',
    { timeout: 300_000 },
    async () => {
      await english();
      const page = await newPage();
      await signIn(page);
      const problems: string[] = [];
      const headings = {
        en: /^Maintenance schedules$/,
        fr: /^Calendriers d’entretien$/,
        es: /^Planes de mantenimiento$/,
      };
      for (const language of LANGUAGES) {
        await pickLanguage(page, language);
        await page.goto(`${base}/console/maintenance`);
        const heading = page.getByRole('heading', { level: 2 });
        await heading.waitFor();
        expect(await heading.innerText()).toMatch(headings[language]);
        await page.getByTestId('maintenance-table').waitFor();
        await page.waitForLoadState('networkidle');
        await shot(page, `${language}-maintenance`);
        for (const v of await seriousViolations(page)) problems.push(`${language}: ${v}`);
      }
      // The dialog too.
      await page.getByTestId('maintenance-add').click();
      await page.getByTestId('schedule-form').waitFor();
      await shot(page, 'es-maintenance-dialog');
      for (const v of await seriousViolations(page)) problems.push(`dialog: ${v}`);
      expect(problems).toEqual([]);
      await page.keyboard.press('Escape');

      // A demo vehicle's make and model, with no schedule of their own yet.
      const vehicle = await t.db
        .selectFrom('vehicles')
        .select(['id', 'customer_id', 'make', 'model'])
        .where('location_id', '=', locationId)
        .where('make', 'is not', null)
        .where('model', 'is not', null)
        .where('status', '=', 'active')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await english();
      await page.reload();
      await page.getByTestId('maintenance-add').click();
      const form = page.getByTestId('schedule-form');
      await form.waitFor();
      await page.getByTestId('schedule-name').fill('Helper D schedule');
      await page.getByTestId('schedule-make').fill(vehicle.make!);
      await page.getByTestId('schedule-model').fill(vehicle.model!);
      await page.getByTestId('item-0-code').fill('d_check');
      await page.getByTestId('item-0-description-en').fill('Helper check');
      await page.getByTestId('item-0-description-fr').fill('Vérification aide');
      await page.getByTestId('item-0-description-es').fill('Revisión ayuda');
      // No interval: refused on the item's months field, in the user's language.
      await page.getByTestId('schedule-save').click();
      await expect
        .poll(() => page.getByTestId('item-0-every_months').getAttribute('aria-invalid'))
        .toBe('true');
      await page.getByTestId('item-0-every_months').fill('3');
      await page.getByTestId('schedule-save').click();
      await form.waitFor({ state: 'detached' });
      const saved = await t.db
        .selectFrom('maintenance_schedules')
        .select(['id', 'make', 'model'])
        .where('location_id', '=', locationId)
        .where('name', '=', 'Helper D schedule')
        .executeTakeFirstOrThrow();
      expect(saved).toMatchObject({ make: vehicle.make, model: vehicle.model });
      // Found by part of its model.
      await page.getByTestId('maintenance-search').fill(vehicle.model!.slice(0, 3));
      await page.getByTestId(`schedule-${saved.id}`).waitFor();
      expect(await page.getByTestId(`schedule-${saved.id}`).innerText()).toMatch(/Helper check · 3 months/);
      await shot(page, 'maintenance-created');

      // Used: the vehicle's maintenance grid on its customer card lists the new item.
      await page.goto(`${base}/console/customers/${vehicle.customer_id}`);
      await page.getByText('Helper check').first().waitFor();

      // Edited: a second item; deleted after a confirmation.
      await page.goto(`${base}/console/maintenance`);
      await page.getByTestId('maintenance-search').fill('Helper D');
      await page.getByRole('button', { name: 'Edit Helper D schedule' }).click();
      await page.getByTestId('schedule-add-item').click();
      await page.getByTestId('item-1-code').fill('D_SECOND');
      await page.getByTestId('item-1-description-en').fill('Second');
      await page.getByTestId('item-1-description-fr').fill('Second');
      await page.getByTestId('item-1-description-es').fill('Segundo');
      await page.getByTestId('item-1-every_km').fill('15000');
      await page.getByTestId('schedule-save').click();
      await page.getByTestId('schedule-form').waitFor({ state: 'detached' });
      await expect
        .poll(async () =>
          (
            await t.db
              .selectFrom('maintenance_schedule_items')
              .select('code')
              .where('schedule_id', '=', saved.id)
              .orderBy('id')
              .execute()
          ).map((r) => r.code),
        )
        .toEqual(['D_CHECK', 'D_SECOND']);
      await page.getByRole('button', { name: 'Delete Helper D schedule' }).click();
      await page.getByTestId('maintenance-delete-confirm').click();
      await expect
        .poll(async () =>
          t.db.selectFrom('maintenance_schedules').select('id').where('id', '=', saved.id).executeTakeFirst(),
        )
        .toBeUndefined();
      await page.close();
    },
  );

  it(
    'Email tab: a kind’s channel order and INACTIVE’s interval saved, still there after a reload',
    { timeout: 180_000 },
    async () => {
      await english();
      const page = await newPage();
      await signIn(page);
      await page.goto(`${base}/console/settings?tab=email`);
      const order = page.getByTestId('order-REMINDER_1');
      await order.waitFor();
      await page.waitForLoadState('networkidle');
      expect(await order.inputValue()).toBe('Email → Text → Postcard');
      await shot(page, 'settings-email-order');
      expect(await seriousViolations(page)).toEqual([]);
      await order.click();
      await page.getByRole('option', { name: 'Text → Email → Postcard' }).click();
      await page.getByTestId('inactive-interval_days').fill('75');
      await page.getByTestId('settings-email').locator('button[type=submit]').click();
      const ranks = () =>
        t.db
          .selectFrom('message_rules')
          .select(['channel', 'channel_rank', 'interval_days'])
          .where('location_id', '=', locationId)
          .where('kind', 'in', ['REMINDER_1', 'INACTIVE'])
          .orderBy('kind')
          .orderBy('channel')
          .execute();
      await expect.poll(async () => (await ranks()).filter((r) => r.channel_rank !== null).length).toBe(3);
      const rows = await ranks();
      expect(rows.filter((r) => r.channel_rank !== null)).toEqual([
        { channel: 'email', channel_rank: 2, interval_days: null },
        { channel: 'postcard', channel_rank: 3, interval_days: null },
        { channel: 'sms', channel_rank: 1, interval_days: null },
      ]);
      await expect.poll(async () => (await ranks()).filter((r) => r.interval_days === 75).length).toBe(3);
      await page.reload();
      await page.getByTestId('order-REMINDER_1').waitFor();
      expect(await page.getByTestId('order-REMINDER_1').inputValue()).toBe('Text → Email → Postcard');
      expect(await page.getByTestId('inactive-interval_days').inputValue()).toBe('75');

      // Giving up before the first message is refused on its field.
      const days = await t.db
        .selectFrom('message_rules')
        .select('days')
        .where('location_id', '=', locationId)
        .where('kind', '=', 'INACTIVE')
        .where('channel', '=', 'email')
        .executeTakeFirstOrThrow();
      await page.getByTestId('inactive-dead_days').fill(String(Math.max(1, days.days - 1)));
      await page.getByTestId('settings-email').locator('button[type=submit]').click();
      await expect
        .poll(() => page.getByTestId('inactive-dead_days').getAttribute('aria-invalid'))
        .toBe('true');
      await page.close();
    },
  );

  it(
    'courtesy vehicles in the calendar: booked with one, shown on the appointment, not offered to another at that time',
    { timeout: 240_000 },
    async () => {
      await english();
      const vehicles = await t.db
        .selectFrom('courtesy_vehicles')
        .select(['id', 'name'])
        .where('location_id', '=', locationId)
        .where('active', '=', true)
        .orderBy('id')
        .execute();
      expect(vehicles.length).toBeGreaterThanOrEqual(2);
      const page = await newPage();
      // Five weeks ahead: past the demo's appointments, every vehicle free.
      await page.clock.setFixedTime(weekdayAhead(35));
      await signIn(page);
      await page.goto(`${base}/console/appointments`);
      await page.getByRole('button', { name: 'Book an appointment' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('slot').first().click();
      await dialog.getByLabel('Or a visitor’s name').fill('Courtesy Visitor');
      await dialog.getByTestId('courtesy-select').click();
      await page.getByRole('option', { name: new RegExp(`^${vehicles[0]!.name}`) }).click();
      await shot(page, 'booking-courtesy');
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: 'Book this slot' }).click();
      await dialog.waitFor({ state: 'detached' });
      const booked = await t.db
        .selectFrom('appointments')
        .select(['id', 'mechanic_id', 'courtesy_vehicle_id', 'starts_at', 'ends_at'])
        .where('visitor_name', '=', 'Courtesy Visitor')
        .executeTakeFirstOrThrow();
      expect(booked.courtesy_vehicle_id).toBe(vehicles[0]!.id);

      // The calendar names the vehicle the appointment holds.
      const event = page
        .getByTestId('calendar')
        .getByText(/Courtesy Visitor/)
        .first();
      await event.waitFor();
      expect(await event.innerText()).toContain(`courtesy car: ${vehicles[0]!.name}`);
      await shot(page, 'calendar-courtesy');

      // Another appointment at the same time (another mechanic, another desk) without a vehicle.
      const other = await t.db
        .selectFrom('mechanics')
        .select('id')
        .where('location_id', '=', locationId)
        .where('active', '=', true)
        .where('id', '<>', booked.mechanic_id!)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('appointments')
        .values({
          org_id: orgId,
          location_id: locationId,
          visitor_name: 'Second Desk',
          mechanic_id: other.id,
          starts_at: booked.starts_at,
          ends_at: booked.ends_at,
          status: 'confirmed',
          source: 'staff',
        })
        .execute();
      await page.reload();
      await page
        .getByTestId('calendar')
        .getByText(/Second Desk/)
        .first()
        .click();
      const details = page.getByRole('dialog');
      await expect.poll(() => details.getByTestId('appointment-courtesy').innerText()).toMatch(/None$/);
      await details.getByTestId('courtesy-select').click();
      const taken = page.getByRole('option', { name: new RegExp(`^${vehicles[0]!.name}.*taken`) });
      await taken.waitFor();
      // Mantine marks a disabled option with data-combobox-disabled (its label says it is taken).
      expect(await taken.getAttribute('data-combobox-disabled')).toBe('true');
      await shot(page, 'appointment-courtesy-taken');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('option', { name: new RegExp(`^${vehicles[1]!.name}`) }).click();
      await details.getByTestId('courtesy-save').click();
      await expect
        .poll(
          async () =>
            (
              await t.db
                .selectFrom('appointments')
                .select('courtesy_vehicle_id')
                .where('visitor_name', '=', 'Second Desk')
                .executeTakeFirstOrThrow()
            ).courtesy_vehicle_id,
        )
        .toBe(vehicles[1]!.id);
      await page.close();
    },
  );

  it(
    'roles without settings.write see no Set-up nor Maintenance menu, and at their addresses a clear message',
    { timeout: 180_000 },
    async () => {
      for (const role of ['service_advisor', 'crm_agent'] as const) {
        const user = await makeStaff(t.db, { orgId }, [{ locationId, role }]);
        const page = await newPage();
        await signIn(page, user.email, PASSWORD);
        const nav = page.getByRole('navigation');
        await nav.getByRole('link').first().waitFor();
        expect(await nav.getByRole('link', { name: 'CRM set-up' }).count(), role).toBe(0);
        expect(await nav.getByRole('link', { name: 'Maintenance schedules' }).count(), role).toBe(0);
        for (const path of ['settings', 'maintenance']) {
          await page.goto(`${base}/console/${path}`);
          await page.getByRole('heading', { level: 2 }).waitFor();
          await expect
            .poll(() => page.getByTestId('not-allowed').innerText())
            .toMatch(
              /^Not available to your role\s+Your role cannot change the set-up: ask the shop’s owner or a manager\.$/,
            );
          await shot(page, `forbidden-${path}-${role}`);
          expect(await seriousViolations(page), `${role} ${path}`).toEqual([]);
        }
        await page.close();
      }
    },
  );
});
