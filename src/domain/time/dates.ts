// Calendar dates as 'YYYY-MM-DD' strings (a date has no time zone), and local dates and
// hours in a location's time zone. Pure; no clock.
import { zonedParts } from './zoned-parts.ts';

const DAY_MS = 86_400_000;

function toUtc(d: string): number {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, day);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(d: string, n: number): string {
  return fromUtc(toUtc(d) + n * DAY_MS);
}

/** b - a in days. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** Like PostgreSQL's date + interval 'n months': the day is clamped to the month's end. */
export function addMonths(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = total % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(ty, tm, Math.min(day, last)));
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The local calendar date and hour of an instant in a time zone. */
export function localDateTime(at: Date, timeZone: string): { date: string; hour: number } {
  const p = zonedParts(at, timeZone);
  const two = (n: number | undefined) => String(n).padStart(2, '0');
  return { date: `${p.year}-${two(p.month)}-${two(p.day)}`, hour: p.hour! };
}

/** Is this the birthday, today? 29 February is celebrated on 28 February in other years. */
export function isBirthday(birthday: string, today: string): boolean {
  const bm = birthday.slice(5);
  const tm = today.slice(5);
  if (bm === tm) return true;
  return bm === '02-29' && tm === '02-28' && !isLeapYear(Number(today.slice(0, 4)));
}
