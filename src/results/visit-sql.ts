// customer_visits (migration 0761) keeps each customer's months as bit strings from 2000-01 (bit 0,
// the leftmost): a visit in the month, a visit in the 12 months ending with it (active12), visits
// on two days in them (loyal12). A report takes the bits of its months (one substring per row) and
// counts the customers per distinct pattern; the patterns are few (runs of 12 months), so the
// counting per month is done on them, in JavaScript.
export const EPOCH_MONTH = 2000 * 12;

/** substring() of a bit-string column: `length` months from month index `first`. */
export const bitsOf = (column: string, first: number, length: number) => {
  if (first < EPOCH_MONTH) throw new RangeError('from: months before 2001-01 are not kept');
  return `substring(${column} FROM ${first - EPOCH_MONTH + 1} FOR ${length})`;
};

/** Whether bit i of a pattern as PostgreSQL prints it ('0110…', shorter when the row ends early). */
export const bit = (pattern: string, i: number) => pattern.charCodeAt(i) === 49;
