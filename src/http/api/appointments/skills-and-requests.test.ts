// Issue 14, appointments: a booking's required skill is enforced (the mechanic must have it, the
// availability offers only mechanics having it), no appointment is confirmed without a mechanic
// (clear 409/422 in the user's language), the portal's request and move go through the staff's
// booking commands, and a request made online emails the location's service advisor (in their
// language, with the console link), caught by a real SMTP server on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { backendName } from '../../../../test/helpers/db.ts';
import { makeCustomer, makeVehicle } from '../../../../test/helpers/factories.ts';
import { createApiTest, makeStaff, signIn, type ApiTest, type Client } from '../../../../test/helpers/api.ts';
import { makeBookableShop, signedInBrowser } from '../../../../test/helpers/portal.ts';
import { startSmtpSink, type SmtpSink } from '../../../../test/helpers/delivery.ts';
import { requestAppointment } from '../../../commands/portal/request-appointment.ts';
import { moveOwnAppointment } from '../../../commands/portal/move-own-appointment.ts';
import { bookVisitorRequest } from '../../../commands/portal/book-visitor-request.ts';
import { runWorker } from '../../../delivery/worker/run-worker.ts';
import { SlotTaken } from '../../../portal/errors.ts';

let api: ApiTest;
let sink: SmtpSink;
let shop: Awaited<ReturnType<typeof makeBookableShop>>;
let brakesId: number;
let customerId: number;
const clients: Partial<Record<'en' | 'fr' | 'es', Client>> = {};

beforeAll(async () => {
  sink = await startSmtpSink();
  api = await createApiTest({ SMTP_URL: sink.url, MAIL_FROM: 'relance@mail.test' });
  shop = await makeBookableShop(api.t.db); // Alex Mechanic, no skills, Mon–Fri 8–17 Toronto
  const brakes = await api.t.db
    .insertInto('mechanics')
    .values({ org_id: shop.orgId, location_id: shop.locationId, name: 'Bea Brakes', skills: ['brakes'] })
    .returning('id')
    .executeTakeFirstOrThrow();
  brakesId = brakes.id;
  await api.t.db
    .insertInto('mechanic_hours')
    .values(
      [1, 2, 3, 4, 5].map((weekday) => ({
        org_id: shop.orgId,
        mechanic_id: brakesId,
        weekday,
        starts_at: '08:00',
        ends_at: '17:00',
      })),
    )
    .execute();
  customerId = (await makeCustomer(api.t.db, shop, { email: 'booker@example.test' })).id;
  for (const language of ['en', 'fr', 'es'] as const) {
    const user = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
    await api.t.db.updateTable('users').set({ language }).where('id', '=', user.id).execute();
    clients[language] = await signIn(api.app, user.email);
  }
});
afterAll(async () => {
  await api?.close();
  await sink?.close();
});

const at = (day: string, hour: string) => ({
  starts_at: `2026-03-${day}T${hour}:00:00-04:00`,
  ends_at: `2026-03-${day}T${String(Number(hour) + 1).padStart(2, '0')}:00:00-04:00`,
});

async function book(body: Record<string, unknown>, language: 'en' | 'fr' | 'es' = 'en') {
  return clients[language]!.request({
    method: 'POST',
    url: '/api/v1/appointments',
    payload: { location_id: shop.locationId, customer_id: customerId, ...body },
  });
}

describe(`required skill and a mechanic to confirm, on ${backendName}`, () => {
  it('offers only mechanics having the skill', async () => {
    const res = await clients.en!.request({
      method: 'GET',
      url: `/api/v1/locations/${shop.locationId}/availability?date=2026-03-16&skill=brakes`,
    });
    expect(res.statusCode).toBe(200);
    const { mechanics } = res.json() as { mechanics: Array<{ mechanic_id: number }> };
    expect(mechanics.map((m) => m.mechanic_id)).toEqual([brakesId]);
  });

  it('refuses a mechanic without the required skill, at booking and when reassigned', async () => {
    const refused = await book(
      { mechanic_id: shop.mechanicId, required_skill: 'brakes', ...at('16', '09') },
      'fr',
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toEqual({
      error: {
        code: 'mechanic_lacks_skill',
        field: 'mechanic_id',
        message: 'mechanic_id : ce mécanicien n’a pas la compétence demandée',
      },
    });
    const ok = await book({ mechanic_id: brakesId, required_skill: 'brakes', ...at('16', '09') });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ mechanic_id: brakesId, required_skill: 'brakes', status: 'confirmed' });
    const { id } = ok.json() as { id: number };
    const reassigned = await clients.es!.request({
      method: 'PATCH',
      url: `/api/v1/appointments/${id}`,
      payload: { mechanic_id: shop.mechanicId },
    });
    expect(reassigned.statusCode).toBe(422);
    expect(reassigned.json()).toMatchObject({
      error: {
        code: 'mechanic_lacks_skill',
        message: 'mechanic_id: este mecánico no tiene la competencia requerida',
      },
    });
    // Adding a skill the assigned mechanic lacks is refused the same way.
    const plain = await book({ mechanic_id: shop.mechanicId, ...at('16', '11') });
    expect(plain.statusCode).toBe(201);
    const needs = await clients.en!.request({
      method: 'PATCH',
      url: `/api/v1/appointments/${(plain.json() as { id: number }).id}`,
      payload: { required_skill: 'brakes' },
    });
    expect(needs.statusCode).toBe(422);
    expect(needs.json()).toMatchObject({ error: { code: 'mechanic_lacks_skill', field: 'mechanic_id' } });
  });

  it('confirms no appointment without a mechanic: booking, status change, or unassigning', async () => {
    const confirmedBare = await book({ ...at('17', '09') }, 'fr');
    expect(confirmedBare.statusCode).toBe(409);
    expect(confirmedBare.json()).toEqual({
      error: {
        code: 'mechanic_required',
        field: 'mechanic_id',
        message: 'mechanic_id : assignez un mécanicien avant de confirmer le rendez-vous',
      },
    });
    const requested = await book({ status: 'requested', required_skill: 'brakes', ...at('17', '09') });
    expect(requested.statusCode).toBe(201);
    const { id } = requested.json() as { id: number };
    const confirm = (language: 'en' | 'fr' | 'es') =>
      clients[language]!.request({
        method: 'POST',
        url: `/api/v1/appointments/${id}/status`,
        payload: { status: 'confirmed' },
      });
    const refused = await confirm('es');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: {
        code: 'mechanic_required',
        field: 'mechanic_id',
        message: 'mechanic_id: asigne un mecánico antes de confirmar la cita',
      },
    });
    expect(
      (await api.t.db.selectFrom('appointments').select('status').where('id', '=', id).executeTakeFirst())
        ?.status,
    ).toBe('requested');
    const assigned = await clients.en!.request({
      method: 'PATCH',
      url: `/api/v1/appointments/${id}`,
      payload: { mechanic_id: brakesId },
    });
    expect(assigned.statusCode).toBe(200);
    const confirmed = await confirm('en');
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', mechanic_id: brakesId });
    const unassign = await clients.en!.request({
      method: 'PATCH',
      url: `/api/v1/appointments/${id}`,
      payload: { mechanic_id: null },
    });
    expect(unassign.statusCode).toBe(409);
    expect(unassign.json()).toMatchObject({
      error: {
        code: 'mechanic_required',
        message: 'mechanic_id: assign a mechanic before confirming the appointment',
      },
    });
  });

  it('refuses to confirm when the assigned mechanic no longer has the skill', async () => {
    const m = await api.t.db
      .insertInto('mechanics')
      .values({ org_id: shop.orgId, location_id: shop.locationId, name: 'Sam Shortlived', skills: ['tires'] })
      .returning('id')
      .executeTakeFirstOrThrow();
    await api.t.db
      .insertInto('mechanic_hours')
      .values({ org_id: shop.orgId, mechanic_id: m.id, weekday: 3, starts_at: '08:00', ends_at: '17:00' })
      .execute();
    const requested = await book({
      status: 'requested',
      mechanic_id: m.id,
      required_skill: 'tires',
      ...at('18', '09'),
    });
    expect(requested.statusCode).toBe(201);
    await api.t.db.updateTable('mechanics').set({ skills: [] }).where('id', '=', m.id).execute();
    const res = await clients.en!.request({
      method: 'POST',
      url: `/api/v1/appointments/${(requested.json() as { id: number }).id}/status`,
      payload: { status: 'confirmed' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'mechanic_lacks_skill', field: 'mechanic_id' } });
  });
});

describe(`the portal books and moves through the staff commands, on ${backendName}`, () => {
  it('a request is booked by book-appointment (source portal, audited as create) and a move keeps the skill', async () => {
    const c = await makeCustomer(api.t.db, shop, { email: 'mover@example.test' });
    const cs = { orgId: shop.orgId, customerId: c.id, locationId: shop.locationId };
    const now = api.clock.now;
    const requested = await api.t.db
      .transaction()
      .execute((trx) =>
        requestAppointment(
          trx,
          cs,
          { vehicleId: null, startsAt: new Date('2026-03-19T13:00:00Z'), service: 'Brakes' },
          now,
        ),
      );
    expect(requested).toMatchObject({ status: 'requested', source: 'portal', mechanic_id: shop.mechanicId });
    const audit = await api.t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', shop.orgId)
      .where('entity', '=', 'appointment')
      .where('entity_id', '=', String(requested.id))
      .execute();
    expect(audit.map((a) => [a.action, a.actor_type])).toEqual([['create', 'customer']]);

    // The advisor decides the work needs brakes: the customer's move goes to a mechanic having it.
    await api.t.db
      .updateTable('appointments')
      .set({ required_skill: 'brakes', mechanic_id: brakesId })
      .where('id', '=', requested.id)
      .execute();
    const moved = await api.t.db
      .transaction()
      .execute((trx) =>
        moveOwnAppointment(
          trx,
          cs,
          { appointmentId: requested.id, startsAt: new Date('2026-03-19T15:00:00Z') },
          now,
        ),
      );
    expect(moved).toMatchObject({ mechanic_id: brakesId, required_skill: 'brakes' });
    expect(moved.starts_at.toISOString()).toBe('2026-03-19T15:00:00.000Z');
    // Bea is busy at 17:00Z; Alex is free but lacks the skill: that time is not offered.
    await book({ mechanic_id: brakesId, ...at('19', '13') });
    const b = await signedInBrowser(api.app, api.t.db, { orgId: shop.orgId, customerId: c.id }, now);
    const page = await b.get(`/portal/appointments/${requested.id}/move?date=2026-03-19`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="2026-03-19T16:00:00.000Z"');
    expect(page.body).not.toContain('value="2026-03-19T17:00:00.000Z"');
    await expect(
      api.t.db
        .transaction()
        .execute((trx) =>
          moveOwnAppointment(
            trx,
            cs,
            { appointmentId: requested.id, startsAt: new Date('2026-03-19T17:00:00Z') },
            now,
          ),
        ),
    ).rejects.toBeInstanceOf(SlotTaken);
  });
});

describe(`an appointment request emails the service advisor, on ${backendName}`, () => {
  it('a portal request and a visitor request each reach the advisor in their language with the console link', async () => {
    const advisor = await makeStaff(api.t.db, shop, [
      { locationId: shop.locationId, role: 'service_advisor' },
    ]);
    await api.t.db.updateTable('users').set({ language: 'fr' }).where('id', '=', advisor.id).execute();
    const c = await makeCustomer(api.t.db, shop, { mailing_name: 'Marie Client', phone: '514-555-0142' });
    const v = await makeVehicle(api.t.db, shop, c.id, { make: 'Honda', model: 'Civic', year: 2019 });
    const now = api.clock.now;
    const request = await api.t.db
      .transaction()
      .execute((trx) =>
        requestAppointment(
          trx,
          { orgId: shop.orgId, customerId: c.id, locationId: shop.locationId },
          { vehicleId: v.id, startsAt: new Date('2026-03-20T13:00:00Z'), service: 'Vidange' },
          now,
        ),
      );
    await api.t.db.transaction().execute((trx) =>
      bookVisitorRequest(
        trx,
        { orgId: shop.orgId, locationId: shop.locationId },
        {
          name: 'Victor Visiteur',
          email: 'victor@example.test',
          phone: null,
          language: 'es',
          startsAt: new Date('2026-03-20T15:00:00Z'),
          service: null,
        },
        now,
      ),
    );
    const tasks = await api.t.db
      .selectFrom('staff_tasks')
      .select(['kind', 'assigned_role'])
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'APPOINTMENT_REQUEST')
      .execute();
    expect(tasks.length).toBeGreaterThanOrEqual(2);
    const before = sink.received.length;
    await runWorker(api.ctx, { once: true });
    const mails = sink.received.slice(before).filter((m) => m.envelopeTo.includes(advisor.email));
    expect(mails).toHaveLength(2);
    const parsed = await Promise.all(mails.map((m) => simpleParser(m.raw)));
    const forCustomer = parsed.find((p) => p.subject?.includes('Marie Client'))!;
    const forVisitor = parsed.find((p) => p.subject?.includes('Victor Visiteur'))!;
    expect(forCustomer.subject).toMatch(/^Demande de rendez-vous : Marie Client, /);
    expect(forCustomer.text).toContain('2019 Honda Civic');
    expect(forCustomer.text).toContain('Service demandé : Vidange');
    expect(forCustomer.text).toContain('514-555-0142');
    expect(forCustomer.text).toContain('https://relance.test/console/appointments');
    expect(forCustomer.html).toContain('href="https://relance.test/console/appointments"');
    expect(forVisitor.text).toContain('victor@example.test');
    expect(forVisitor.text).not.toContain('Service demandé');
    // Exactly once: the outbox rows are sent, a second run sends nothing more.
    const rows = await api.t.db
      .selectFrom('messages')
      .select(['status', 'recipient_user_id', 'appointment_id'])
      .where('org_id', '=', shop.orgId)
      .where('kind', '=', 'P02')
      .execute();
    expect(rows.filter((r) => r.appointment_id === request.id)).toEqual([
      { status: 'sent', recipient_user_id: advisor.id, appointment_id: request.id },
    ]);
    await runWorker(api.ctx, { once: true });
    expect(sink.received.slice(before).filter((m) => m.envelopeTo.includes(advisor.email))).toHaveLength(2);
  });
});
