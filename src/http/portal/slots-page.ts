// The free-times page shared by booking, moving, and the visitors' booking page: a day picker
// (a plain GET form and previous/next links) and the free start times of that day as radio
// buttons, all rendered on the server from the shop's real availability.
import type { Language, Location } from '../../db/schema.ts';
import { addDays } from '../../domain/time/dates.ts';
import { localDay } from '../../i18n/format.ts';
import { pt } from '../../i18n/portal-strings.ts';
import { freeSlots } from '../../appointments/free-mechanic.ts';
import { scoped } from '../../tenancy/scoped.ts';
import type { AppContext } from '../../context.ts';
import { day, timeOnly } from './present.ts';

const MAX_DAYS_AHEAD = 120;

/** The day asked for, if it is a real date from today to MAX_DAYS_AHEAD; else tomorrow. */
export function pickDay(
  asked: string | undefined,
  location: Location,
  now: Date,
): { date: string; today: string } {
  const today = localDay(now, location.time_zone);
  const ok =
    typeof asked === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(asked) &&
    !Number.isNaN(Date.parse(`${asked}T00:00:00Z`)) &&
    asked >= today &&
    asked <= addDays(today, MAX_DAYS_AHEAD);
  return { date: ok ? asked : addDays(today, 1), today };
}

export async function slotsPage(
  ctx: AppContext,
  location: Location,
  l: Language,
  o: {
    date: string;
    today: string;
    now: Date;
    dayAction: string;
    postAction: string;
    keep: Record<string, string>;
    ignoreAppointmentId?: number;
  },
) {
  const scope = {
    orgId: location.org_id,
    actor: { type: 'customer' as const, id: 0 },
    userId: null,
    locationIds: [location.id],
  };
  const offers = await freeSlots(scoped(ctx.db, scope), location, o.date, o.now, o.ignoreAppointmentId);
  const href = (date: string) => `${o.dayAction}?${new URLSearchParams({ ...o.keep, date }).toString()}`;
  return {
    date: o.date,
    minDate: o.today,
    dayAction: o.dayAction,
    postAction: o.postAction,
    prevHref: o.date > o.today ? href(addDays(o.date, -1)) : null,
    nextHref: href(addDays(o.date, 1)),
    slotsTitle: pt(l, 'book_slots', { day: day(o.date, location, l) }),
    slots: offers.map((s) => ({ value: s.starts_at, label: timeOnly(s.starts_at, location, l) })),
  };
}

/** A start time posted by a slot radio button (an ISO instant), or null. */
export function startsAtOf(value: unknown): Date | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(value))
    return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
