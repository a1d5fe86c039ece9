// E05 (appointment confirmation) carries a calendar invitation: real mail through the worker to an
// smtp-server on loopback, parsed back. DTSTART in the location's zone (across a DST change),
// SUMMARY in the customer's language, METHOD:REQUEST, and one UID per appointment whatever the
// number of sends: a crash resend repeats the same event, a new confirmation updates it.
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeCustomer, makeShop, makeVehicle } from '../../../test/helpers/factories.ts';
import { makeMessage, startSmtpSink, testContext, type SmtpSink } from '../../../test/helpers/delivery.ts';
import type { Language } from '../../domain/language.ts';
import { runWorker } from '../worker/run-worker.ts';

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

/** The text/calendar part of a parsed mail as { NAME: [value…] } (lines unfolded, params kept). */
function calendarOf(mail: ParsedMail): { raw: string; props: Map<string, string[]> } {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part)
    throw new Error(
      `no text/calendar part (parts: ${mail.attachments.map((a) => a.contentType).join(', ')})`,
    );
  const raw = part.content.toString('utf8');
  const props = new Map<string, string[]>();
  for (const line of raw
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    props.set(name, [...(props.get(name) ?? []), line.slice(colon + 1)]);
  }
  return { raw, props };
}
const one = (props: Map<string, string[]>, name: string) => {
  const v = props.get(name);
  expect(v, name).toHaveLength(1);
  return v![0]!;
};

async function sendAll(): Promise<ParsedMail[]> {
  const before = sink.received.length;
  await runWorker(ctx(), { once: true, concurrency: 1 });
  return Promise.all(sink.received.slice(before).map((_, i) => sink.parse(before + i)));
}

async function appointment(
  shop: { orgId: number; locationId: number },
  customerId: number,
  startsAt: string,
  service: string,
) {
  const vehicle = await makeVehicle(t.db, shop, customerId, { year: 2022, make: 'Peugeot', model: '308' });
  const ends = new Date(Date.parse(startsAt) + 90 * 60_000).toISOString();
  const row = await t.db
    .insertInto('appointments')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      customer_id: customerId,
      vehicle_id: vehicle.id,
      starts_at: startsAt,
      ends_at: ends,
      status: 'confirmed',
      service_requested: service,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { id: row.id, vehicle, startsAt, endsAt: ends, service };
}

async function confirmation(
  shop: { orgId: number; locationId: number },
  customerId: number,
  language: Language,
  a: Awaited<ReturnType<typeof appointment>>,
) {
  return makeMessage(t.db, shop, {
    kind: 'E05',
    customer_id: customerId,
    appointment_id: a.id,
    language,
    payload: {
      vehicles: [{ id: a.vehicle.id, year: 2022, make: 'Peugeot', model: '308', plate: 'ÉTÉ 42' }],
      appointment: { id: a.id, starts_at: a.startsAt, ends_at: a.endsAt, service: a.service },
    },
  });
}

describe('E05 appointment confirmation invitation', () => {
  it('has a text/calendar REQUEST part: DTSTART in the location zone, SUMMARY in each customer language', async () => {
    // Paris leaves summer time on Sunday 2026-10-25: the Monday after is UTC+1, not +2.
    const shop = await makeShop(t.db, {
      time_zone: 'Europe/Paris',
      language: 'fr',
      business_name: 'Garage Łódź',
      country: 'FR',
    });
    const who = { fr: 'Amélie Poulain', es: 'Iñigo Montoya', en: 'Jane Doe' } as const;
    const service = { fr: 'Vidange', es: 'Cambio de aceite', en: 'Oil change' } as const;
    for (const language of ['fr', 'es', 'en'] as const) {
      const c = await makeCustomer(t.db, shop, {
        mailing_name: who[language],
        email: `${language}@example.test`,
        language,
      });
      await confirmation(
        shop,
        c.id,
        language,
        await appointment(shop, c.id, '2026-10-26T09:00:00.000Z', service[language]),
      );
    }
    const mails = await sendAll();
    expect(mails).toHaveLength(3);
    const summary = {
      fr: 'Rendez-vous chez Garage Łódź : Vidange',
      es: 'Cita en Garage Łódź: Cambio de aceite',
      en: 'Appointment at Garage Łódź: Oil change',
    };
    const subject = {
      fr: /^Rendez-vous confirmé : lundi 26 octobre 2026 à 10:00$/,
      es: /lunes, 26 de octubre de 2026.* 10:00$/,
      en: /^Appointment confirmed: Monday, 26 October 2026 at 10:00$/,
    };
    for (const language of ['fr', 'es', 'en'] as const) {
      const mail = mails.find(
        (m) => m.to && !Array.isArray(m.to) && m.to.value[0]!.address === `${language}@example.test`,
      )!;
      expect(mail.subject, language).toMatch(subject[language]);
      const raw = sink.received.find((r) => r.envelopeTo[0] === `${language}@example.test`)!.raw;
      expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
      const { raw: ics, props } = calendarOf(mail);
      expect(one(props, 'METHOD')).toBe('REQUEST');
      expect(one(props, 'DTSTART;TZID=Europe/Paris')).toBe('20261026T100000');
      expect(one(props, 'DTEND;TZID=Europe/Paris')).toBe('20261026T113000');
      expect(one(props, 'SUMMARY')).toBe(summary[language]);
      expect(one(props, 'UID')).toMatch(new RegExp(`^appointment-${shop.orgId}-\\d+@mail\\.test$`));
      expect(
        one(
          props,
          'ATTENDEE;CN="' + who[language] + '";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE',
        ),
      ).toBe(`mailto:${language}@example.test`);
      // The 2025 transitions (the rule in force in early 2026) and 2026s two: the calendar places 10:00 Paris time itself.
      expect(ics).toMatch(
        /BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris\r\n(BEGIN:(DAYLIGHT|STANDARD)\r\nDTSTART:2025\d{4}T\d{6}\r\nTZOFFSETFROM:[+-]\d{4}\r\nTZOFFSETTO:[+-]\d{4}\r\nEND:(DAYLIGHT|STANDARD)\r\n)+BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100\r\nEND:STANDARD/,
      );
      expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
      // The description is the message text, in the same language.
      expect(one(props, 'DESCRIPTION')).toContain(who[language]);
    }
  });

  it('keeps one UID per appointment: a crash resend repeats the event, a new confirmation updates it', async () => {
    const shop = await makeShop(t.db, {
      time_zone: 'America/Mexico_City',
      language: 'es',
      business_name: 'Taller Núñez',
    });
    const c = await makeCustomer(t.db, shop, {
      mailing_name: 'José Ñandú',
      email: 'jose@example.test',
      language: 'es',
    });
    const a = await appointment(shop, c.id, '2026-07-15T15:00:00.000Z', 'Frenos');
    const first = await confirmation(shop, c.id, 'es', a);
    const [sent] = await sendAll();
    const firstIcs = calendarOf(sent!).props;
    const uid = one(firstIcs, 'UID');
    expect(uid).toBe(`appointment-${shop.orgId}-${a.id}@mail.test`);
    // Mexico City has had no summer time since 2022: UTC-6 all year, one STANDARD observance.
    expect(one(firstIcs, 'DTSTART;TZID=America/Mexico_City')).toBe('20260715T090000');
    expect(one(firstIcs, 'TZOFFSETTO')).toBe('-0600');
    expect(one(firstIcs, 'SUMMARY')).toBe('Cita en Taller Núñez: Frenos');

    // A worker died after the server accepted it: the lease hands the message back and it is sent
    // again — same Message-ID, same UID and SEQUENCE, so calendars hold one event.
    await t.db
      .updateTable('messages')
      .set({ status: 'pending', next_attempt_at: new Date(Date.now() - 1000) })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', first.id)
      .execute();
    const [again] = await sendAll();
    const againIcs = calendarOf(again!).props;
    expect(again!.messageId).toBe(sent!.messageId);
    expect(one(againIcs, 'UID')).toBe(uid);
    expect(one(againIcs, 'SEQUENCE')).toBe(one(firstIcs, 'SEQUENCE'));
    expect(one(againIcs, 'DTSTART;TZID=America/Mexico_City')).toBe('20260715T090000');

    // The appointment is moved: the new confirmation updates the same calendar entry (same UID,
    // higher SEQUENCE, new time), and the old one can no longer go out.
    await t.db
      .updateTable('appointments')
      .set({ starts_at: '2026-07-16T17:30:00.000Z', ends_at: '2026-07-16T19:00:00.000Z' })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', a.id)
      .execute();
    await confirmation(shop, c.id, 'es', {
      ...a,
      startsAt: '2026-07-16T17:30:00.000Z',
      endsAt: '2026-07-16T19:00:00.000Z',
    });
    await t.db
      .updateTable('messages')
      .set({ status: 'pending', next_attempt_at: new Date(Date.now() - 1000) })
      .where('org_id', '=', shop.orgId)
      .where('id', '=', first.id)
      .execute();
    const moved = await sendAll();
    expect(moved).toHaveLength(1);
    const movedIcs = calendarOf(moved[0]!).props;
    expect(moved[0]!.messageId).not.toBe(sent!.messageId);
    expect(one(movedIcs, 'UID')).toBe(uid);
    expect(Number(one(movedIcs, 'SEQUENCE'))).toBeGreaterThan(Number(one(firstIcs, 'SEQUENCE')));
    expect(one(movedIcs, 'DTSTART;TZID=America/Mexico_City')).toBe('20260716T113000');
    expect(moved[0]!.subject).toMatch(/16 de julio de 2026/);
    const old = await t.db
      .selectFrom('messages')
      .select(['status', 'reason'])
      .where('org_id', '=', shop.orgId)
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(old).toMatchObject({ status: 'cancelled' });
    expect(old.reason).toMatch(/moved/);
  });
});
