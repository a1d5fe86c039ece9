// The calendar invitation read by a real iCalendar parser (ical.js, Mozilla's): the VTIMEZONE must
// hold the rule in force on the event's date, so the parser turns DTSTART;TZID=… into the right
// instant. An event on 5 January needs the previous November's change (the bug: only that year's
// March and November changes were listed, and 5 January fell before both).
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs } from './ics.ts';

function event(start: string, timeZone: string) {
  const s = new Date(start);
  const ics = buildIcs({
    uid: 'appointment-1-5@mail.test',
    sequence: 3,
    start: s,
    end: new Date(s.getTime() + 3_600_000),
    timeZone,
    summary: 'Rendez-vous chez Garage Gagnon : vidange, filtre',
    description: 'Bonjour',
    location: 'Garage Gagnon, Montréal',
    organizer: { name: 'Garage Gagnon', email: 'service@garage.test' },
    attendee: { name: 'Zoë', email: 'zoe@example.test' },
    now: new Date('2026-12-03T12:00:00Z'),
  });
  const calendar = new ICAL.Component(ICAL.parse(ics));
  // Register the file's own VTIMEZONE, as a calendar client does, and nothing else.
  ICAL.TimezoneService.reset();
  for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const vevent = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return { calendar, vevent, ics };
}

describe('calendar invitation time zone', () => {
  const cases: Array<[string, string, string]> = [
    ['America/Toronto', '2027-01-05T15:00:00Z', 'winter, before the year’s first change'],
    ['America/Toronto', '2027-07-01T13:30:00Z', 'summer'],
    ['America/Toronto', '2027-11-08T15:00:00Z', 'the day after the change back'],
    ['America/Toronto', '2027-03-14T12:00:00Z', 'the day of the spring change'],
    ['America/Vancouver', '2027-12-31T23:00:00Z', 'new year’s eve'],
    ['Australia/Sydney', '2027-01-05T01:00:00Z', 'southern summer, in force since October'],
    ['Australia/Sydney', '2027-07-05T01:00:00Z', 'southern winter'],
    ['America/Regina', '2027-01-05T16:00:00Z', 'no daylight saving'],
    ['Europe/Paris', '2027-02-01T09:00:00Z', 'Europe, winter'],
  ];
  for (const [zone, start, what] of cases)
    it(`${zone}, ${what}: the parser reads back the same instant`, () => {
      const { vevent } = event(start, zone);
      expect(vevent.startDate.zone.tzid).toBe(zone);
      expect(vevent.startDate.toJSDate().toISOString()).toBe(new Date(start).toISOString());
      expect(vevent.endDate.toJSDate().getTime() - vevent.startDate.toJSDate().getTime()).toBe(3_600_000);
    });

  it('is a METHOD:REQUEST with a stable UID, its SEQUENCE, and text the parser reads back', () => {
    const { calendar, vevent } = event('2027-01-05T15:00:00Z', 'America/Toronto');
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(vevent.uid).toBe('appointment-1-5@mail.test');
    expect(vevent.sequence).toBe(3);
    expect(vevent.summary).toBe('Rendez-vous chez Garage Gagnon : vidange, filtre');
    expect(vevent.location).toBe('Garage Gagnon, Montréal');
  });
});
