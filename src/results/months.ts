// Calendar months as 'YYYY-MM' and as integers (year * 12 + month - 1), so the reports do month
// arithmetic without dates or time zones.
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The most months one report covers (the SQL keeps each customer's months in one bigint). */
export const MAX_MONTHS = 36;

/** The first month a report may cover (visits are kept from 2000-01, a year before it). */
export const FIRST_MONTH = 2001 * 12;

export function monthIndex(month: string): number {
  if (!MONTH.test(month)) throw new RangeError(`"${month}" is not a month (YYYY-MM)`);
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthOf(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** First day of a month index, 'YYYY-MM-DD'. */
export function firstDay(index: number): string {
  return `${monthOf(index)}-01`;
}

export interface MonthRange {
  from: string;
  to: string;
  /** Month indexes of from and to. */
  first: number;
  last: number;
  count: number;
}

/**
 * from..to (inclusive). Missing bounds: the 12 months ending with `today`'s month. Throws a
 * RangeError naming the bound for a bad month, a reversed range or more than MAX_MONTHS.
 */
export function monthRange(from: string | undefined, to: string | undefined, today: string): MonthRange {
  const fromIndex = from === undefined ? undefined : checked('from', from);
  const last = to === undefined ? monthIndex(today.slice(0, 7)) : checked('to', to);
  const first = fromIndex ?? last - 11;
  if (first < FIRST_MONTH) throw new RangeError(`from: must be ${monthOf(FIRST_MONTH)} or later`);
  if (first > last) throw new RangeError(`from: ${monthOf(first)} is after to (${monthOf(last)})`);
  if (last - first + 1 > MAX_MONTHS) throw new RangeError(`from: at most ${MAX_MONTHS} months at once`);
  return { from: monthOf(first), to: monthOf(last), first, last, count: last - first + 1 };
}

function checked(name: string, month: string): number {
  if (!MONTH.test(month)) throw new RangeError(`${name}: "${month}" is not a month (YYYY-MM)`);
  return monthIndex(month);
}

/** Share as a fraction rounded to 4 places; null when there is no denominator. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
