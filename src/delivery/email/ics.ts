// Calendar invitation (RFC 5545), written by hand: METHOD:REQUEST (or CANCEL), a UID stable per appointment
// (so a confirmation and a reminder update one calendar entry), times in the location's zone with
// a VTIMEZONE describing that zone's offsets in force on the appointment's date.
import { zonedParts } from '../../domain/time/zoned-parts.ts';

export interface IcsInput {
  /** REQUEST adds or updates the entry; CANCEL (same UID, higher SEQUENCE) removes it. */
  method?: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  timeZone: string;
  summary: string;
  description: string;
  location: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string } | null;
  now: Date;
}

export function buildIcs(e: IcsInput): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Relance//Appointments//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.method ?? 'REQUEST'}`,
    ...vtimezone(e.timeZone, e.start),
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${utcStamp(e.now)}`,
    `DTSTART;TZID=${e.timeZone}:${localStamp(e.start, e.timeZone)}`,
    `DTEND;TZID=${e.timeZone}:${localStamp(e.end, e.timeZone)}`,
    `SUMMARY:${text(e.summary)}`,
    `DESCRIPTION:${text(e.description)}`,
    `LOCATION:${text(e.location)}`,
    `ORGANIZER;CN=${param(e.organizer.name)}:mailto:${e.organizer.email}`,
    ...(e.attendee
      ? [
          `ATTENDEE;CN=${param(e.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${e.attendee.email}`,
        ]
      : []),
    e.method === 'CANCEL' ? 'STATUS:CANCELLED' : 'STATUS:CONFIRMED',
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** TEXT value escaping (RFC 5545 3.3.11). */
function text(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function param(s: string): string {
  return `"${s.replace(/["\r\n]/g, '')}"`;
}

/** Lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74;
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function utcStamp(d: Date): string {
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

function localStamp(d: Date, timeZone: string): string {
  const p = zonedParts(d, timeZone);
  return `${p.year}${pad(p.month!)}${pad(p.day!)}T${pad(p.hour!)}${pad(p.minute!)}${pad(p.second!)}`;
}

/** Offset of the zone from UTC at an instant, in minutes. */
export function offsetMinutes(d: Date, timeZone: string): number {
  const p = zonedParts(d, timeZone);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(d.getTime() / 1000) * 1000) / 60_000);
}

function fmtOffset(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${pad(Math.floor(a / 60))}${pad(a % 60)}`;
}

// The zone's transitions from the start of the year before the appointment's to the end of its
// year, found by scanning days then bisecting to the minute. The year before matters: on 5 January
// the rule in force is the one that began the previous November, which a reader of the VTIMEZONE
// must find (an observance applies only from its DTSTART on). A zone without DST gets one STANDARD
// observance.
function vtimezone(timeZone: string, around: Date): string[] {
  const year = around.getUTCFullYear();
  const start = Date.UTC(year - 1, 0, 1);
  const days = Math.round((Date.UTC(year + 1, 0, 1) - start) / 86_400_000);
  const transitions: Array<{ at: Date; from: number; to: number }> = [];
  let prev = offsetMinutes(new Date(start), timeZone);
  for (let day = 1; day <= days; day++) {
    const t = start + day * 86_400_000;
    const off = offsetMinutes(new Date(t), timeZone);
    if (off !== prev) {
      let lo = t - 86_400_000;
      let hi = t;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offsetMinutes(new Date(mid), timeZone) === prev) lo = mid;
        else hi = mid;
      }
      transitions.push({ at: new Date(hi), from: prev, to: off });
      prev = off;
    }
  }
  const out = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  if (transitions.length === 0) {
    const off = fmtOffset(prev);
    out.push(
      'BEGIN:STANDARD',
      `DTSTART:${year - 1}0101T000000`,
      `TZOFFSETFROM:${off}`,
      `TZOFFSETTO:${off}`,
      'END:STANDARD',
    );
  }
  for (const tr of transitions) {
    const kind = tr.to > tr.from ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART of an observance is the local time (in the old offset) when it begins.
    const local = new Date(tr.at.getTime() + tr.from * 60_000);
    const stamp = `${local.getUTCFullYear()}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}T${pad(local.getUTCHours())}${pad(local.getUTCMinutes())}00`;
    out.push(
      `BEGIN:${kind}`,
      `DTSTART:${stamp}`,
      `TZOFFSETFROM:${fmtOffset(tr.from)}`,
      `TZOFFSETTO:${fmtOffset(tr.to)}`,
      `END:${kind}`,
    );
  }
  out.push('END:VTIMEZONE');
  return out;
}
