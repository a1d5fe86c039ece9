// Query and row schemas of the results reports (docs/results.md). Every report answers
// { from, to, items }: items is a flat array of rows, one per location and month (and kind...).
import { z } from 'zod';
import { id } from '../schemas.ts';
import {
  MAX_MONTHS,
  MONTH,
  monthIndex,
  monthOf,
  monthRange,
  type MonthRange,
} from '../../../results/months.ts';
import { localDateTime } from '../../../domain/time/dates.ts';

const month = z.string().regex(MONTH, 'must be a month YYYY-MM');

export const monthsQuery = {
  from: month.optional(),
  to: month.optional(),
};

/** from..to checks that zod's field checks cannot make alone (named on `to`). */
export const checkMonths = (q: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  for (const k of ['from', 'to'] as const)
    if (q[k] !== undefined && q[k] < '2001-01')
      ctx.addIssue({ code: 'custom', path: [k], message: 'must be 2001-01 or later' });
  // zod runs this refinement even when a field failed its own check (which names it): skip then.
  if (q.from === undefined || q.to === undefined || !MONTH.test(q.from) || !MONTH.test(q.to)) return;
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  else if (monthIndex(q.to) - monthIndex(q.from) + 1 > MAX_MONTHS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `must be at most ${MAX_MONTHS} months after from`,
    });
};

export const locationParams = z.strictObject({ locationId: id });

/** The months asked for: a lone bound gives 12 months from or up to it; none, the 12 ending this month. */
export function rangeAt(q: { from?: string; to?: string }, now: Date, timeZone: string): MonthRange {
  const today = localDateTime(now, timeZone).date;
  const from = q.from ?? (q.to === undefined ? undefined : monthOf(monthIndex(q.to) - 11));
  const to = q.to ?? (q.from === undefined ? undefined : monthOf(monthIndex(q.from) + 11));
  return monthRange(from, to, today);
}

export const rangeOut = { from: z.string(), to: z.string() };
export const rate = z.number().nullable();
