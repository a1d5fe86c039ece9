// Whether a booking lies inside one of the mechanic's working-hour blocks, read in the
// location's time zone on the booking's local date. Pure.
import { localDate, weekday, zonedTime } from './zoned-time.ts';

export interface HoursBlock {
  weekday: number;
  starts_at: string;
  ends_at: string;
}

/** Working-hour blocks of a local date as instants. */
export function blocksOn(
  date: string,
  hours: readonly HoursBlock[],
  timeZone: string,
): Array<{ start: Date; end: Date }> {
  const day = weekday(date);
  return hours
    .filter((h) => h.weekday === day)
    .map((h) => ({
      start: zonedTime(date, h.starts_at, timeZone),
      end: zonedTime(date, h.ends_at, timeZone),
    }))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

export function withinHours(start: Date, end: Date, hours: readonly HoursBlock[], timeZone: string): boolean {
  return blocksOn(localDate(start, timeZone), hours, timeZone).some((b) => b.start <= start && end <= b.end);
}
