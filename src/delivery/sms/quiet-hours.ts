// Quiet hours: a text goes out only between the location's send_from_hour and send_until_hour,
// local time (9:00 to 20:00 by default; TCPA and provincial rules forbid early and late texts).
// A text due outside waits for the next allowed instant, computed on the local wall clock so a
// DST change (a 23- or 25-hour day) does not shift it.
import { localDate, localMinutes, zonedTime } from '../../appointments/zoned-time.ts';
import { addDays } from '../../domain/time/dates.ts';

export interface QuietHours {
  timeZone: string;
  sendFromHour: number;
  sendUntilHour: number;
}

const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;

// The answer is the same for every instant of a minute (time zone offsets are whole minutes): the
// send worker asks it for every text, so the minute's answer is kept (the local clock is costly).
const byMinute = new Map<string, Date | null>();

/** `at` itself when a text may go then; otherwise the next instant it may. */
export function nextTextTime(at: Date, q: QuietHours): Date {
  const k = `${q.timeZone}|${q.sendFromHour}|${q.sendUntilHour}|${Math.floor(at.getTime() / 60_000)}`;
  let next = byMinute.get(k);
  if (next === undefined) {
    if (byMinute.size > 1_000) byMinute.clear();
    const computed = computeNextTextTime(at, q);
    next = computed === at ? null : computed;
    byMinute.set(k, next);
  }
  return next ? new Date(next) : at;
}

function computeNextTextTime(at: Date, q: QuietHours): Date {
  const minutes = localMinutes(at, q.timeZone);
  const day = localDate(at, q.timeZone);
  if (minutes >= q.sendFromHour * 60 && minutes < q.sendUntilHour * 60) return at;
  const openDay = minutes < q.sendFromHour * 60 ? day : addDays(day, 1);
  return zonedTime(openDay, hh(q.sendFromHour), q.timeZone);
}
