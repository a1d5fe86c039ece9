// A database refusal in words a shop manager can act on, naming the column when PostgreSQL does.
import type { Outcome } from './types.ts';

export function describeDbError(err: unknown): Exclude<Outcome, string> {
  const e = err as { message?: string; column?: string; constraint?: string; code?: string };
  const constraint = e.constraint ?? '';
  if (e.code === '23P01' && constraint.includes('mechanic'))
    return { column: 'mechanic', reason: 'the mechanic is already booked at that time' };
  if (e.code === '23P01')
    return { column: 'courtesy_vehicle', reason: 'the courtesy vehicle is already booked at that time' };
  if (e.code === '23514')
    return { column: e.column ?? '', reason: `a value is out of range (${constraint || e.message})` };
  if (e.code === '22003') return { column: e.column ?? '', reason: 'a number is too large' };
  return { column: e.column ?? '', reason: `the database refused the row: ${e.message ?? String(err)}` };
}

/**
 * Whether PostgreSQL refused the row's data (SQLSTATE class 22 data exception, 23 constraint
 * violation, 54 limit exceeded such as an index row too large, P0001 raised by a trigger),
 * as opposed to a failure that would refuse any row (connection, disk, server shutting down).
 */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^(22|23|54)|^P0001$/.test(code);
}
