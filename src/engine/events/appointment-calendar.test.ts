// The customer's calendar follows the appointment (issue 13 item 3): real mail through the worker to
// an SMTP server on loopback, parsed back. Cancelling after a calendar email sends METHOD:CANCEL with
// the same UID and a higher SEQUENCE, in the customer's language; moving a confirmed appointment
// sends the new time at once (same UID, higher SEQUENCE); cancelling with no calendar email sent
// sends nothing. Through the commands staff and the portal call.
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../test/helpers/factories.ts';
import { makeMessage, startSmtpSink, testContext, type SmtpSink } from '../../../test/helpers/delivery.ts';
import { runWorker } from '../../delivery/worker/run-worker.ts';
import { setAppointmentStatus } from '../../commands/set-appointment-status.ts';
import { updateAppointment } from '../../commands/update-appointment.ts';
import type { Scope } from '../../tenancy/scope.ts';

let t: TestDatabase;
let sink: SmtpSink;
beforeAll(async () => {
  t = await createTestDatabase();
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
  await t.close();
});

const ctx = () => testContext(t, { SMTP_URL: sink.url, SMTP_POOL_SIZE: '1', MAIL_FROM: 'relance@mail.test' });

async function sendAll(): Promise<ParsedMail[]> {
  const before = sink.received.length;
  await runWorker(ctx(), { once: true, concurrency: 1 });
  return Promise.all(sink.received.slice(before).map((_, i) => sink.parse(before + i)));
}

function calendar(mail: ParsedMail): Record<string, string> {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error('no text/calendar part');
  const props: Record<string, string> = {};
  const unfolded = part.content
    .toString('utf8')
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n');
  // METHOD from the calendar, the rest from the event (the VTIMEZONE has DTSTARTs of its own).
  const event = unfolded.slice(unfolded.indexOf('BEGIN:VEVENT'));
  for (const line of [...unfolded.filter((l) => l.startsWith('METHOD:')), ...event]) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).split(';')[0]!;
    if (name && !(name in props)) props[name] = line.slice(colon + 1);
  }
  return props;
}

/** A confirmed appointment with a mechanic working every day, and its E05 already sent. */
async function confirmedAndSent(language: 'en' | 'fr' = 'en') {
  const shop = await makeShop(t.db);
  const customer = await makeCustomer(t.db, shop, { language });
  const vehicle = await makeVehicle(t.db, shop, customer.id);
  const mechanic = await t.db
    .insertInto('mechanics')
    .values({ org_id: shop.orgId, location_id: shop.locationId, name: 'Alex' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('mechanic_hours')
    .values(
      [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
        org_id: shop.orgId,
        mechanic_id: mechanic.id,
        weekday,
        starts_at: '07:00',
        ends_at: '19:00',
      })),
    )
    .execute();
  const startsAt = '2027-03-10T14:00:00.000Z';
  const endsAt = '2027-03-10T15:00:00.000Z';
  const appointment = await t.db
    .insertInto('appointments')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      customer_id: customer.id,
      vehicle_id: vehicle.id,
      mechanic_id: mechanic.id,
      starts_at: startsAt,
      ends_at: endsAt,
      status: 'confirmed',
      service_requested: 'Oil change',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await makeMessage(t.db, shop, {
    kind: 'E05',
    customer_id: customer.id,
    vehicle_id: vehicle.id,
    appointment_id: appointment.id,
    language,
    payload: {
      appointment: { id: appointment.id, starts_at: startsAt, ends_at: endsAt, service: 'Oil change' },
    },
  });
  const [first] = await sendAll();
  const scope: Scope = {
    orgId: shop.orgId,
    actor: { type: 'user', id: 1 },
    userId: null,
    locationIds: [shop.locationId],
  };
  return { shop, appointment, scope, first: first! };
}

describe('the customer’s calendar follows the appointment', () => {
  it('cancelled after its confirmation: METHOD:CANCEL, same UID, higher SEQUENCE, in French', async () => {
    const { appointment, scope, first } = await confirmedAndSent('fr');
    const before = calendar(first);
    expect(before.METHOD).toBe('REQUEST');
    await t.db
      .transaction()
      .execute((trx) =>
        setAppointmentStatus(trx, scope, { appointmentId: appointment.id, status: 'cancelled' }, new Date()),
      );
    const [notice, ...more] = await sendAll();
    expect(more).toHaveLength(0);
    expect(notice!.subject).toMatch(/^Rendez-vous annulé/);
    expect(notice!.text).toContain('Votre rendez-vous est annulé');
    const after = calendar(notice!);
    expect(after.METHOD).toBe('CANCEL');
    expect(after.STATUS).toBe('CANCELLED');
    expect(after.UID).toBe(before.UID);
    expect(Number(after.SEQUENCE)).toBeGreaterThan(Number(before.SEQUENCE));
    expect(after.DTSTART).toBe(before.DTSTART);
  });

  it('moved: the new time goes out at once with the same UID and a higher SEQUENCE', async () => {
    const { appointment, scope, first } = await confirmedAndSent();
    const before = calendar(first);
    await t.db.transaction().execute((trx) =>
      updateAppointment(
        trx,
        scope,
        {
          appointmentId: appointment.id,
          fields: { starts_at: '2027-03-11T15:00:00.000Z', ends_at: '2027-03-11T16:00:00.000Z' },
        },
        new Date(),
      ),
    );
    const [update, ...more] = await sendAll();
    expect(more).toHaveLength(0);
    expect(update!.subject).toMatch(/^Appointment confirmed/);
    const after = calendar(update!);
    expect(after.METHOD).toBe('REQUEST');
    expect(after.UID).toBe(before.UID);
    expect(Number(after.SEQUENCE)).toBeGreaterThan(Number(before.SEQUENCE));
    expect(after.DTSTART).not.toBe(before.DTSTART);
    expect(after.DTSTART).toMatch(/^20270311T/);
  });

  it('cancelled before any calendar email: nothing to take back, nothing sent', async () => {
    const { shop, scope } = await confirmedAndSent();
    const customer = await makeCustomer(t.db, shop);
    const quiet = await t.db
      .insertInto('appointments')
      .values({
        org_id: shop.orgId,
        location_id: shop.locationId,
        customer_id: customer.id,
        starts_at: '2027-03-12T14:00:00.000Z',
        ends_at: '2027-03-12T15:00:00.000Z',
        status: 'requested',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .transaction()
      .execute((trx) =>
        setAppointmentStatus(trx, scope, { appointmentId: quiet.id, status: 'cancelled' }, new Date()),
      );
    expect(await sendAll()).toHaveLength(0);
  });
});
