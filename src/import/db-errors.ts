// A database refusal in words a shop manager can act on, naming the column when PostgreSQL does.
import type { Outcome } from './types.ts';

export function describeDbError(err: unknown): Exclude<Outcome, string> {
  const e = err as { message?: string; column?: string; constraint?: string; code?: string };
  const constraint = e.constraint ?? '';
  if (e.code === '23P01' && constraint.includes('mechanic')) return { column: 'mechanic', reason: 'the mechanic is already booked at that time' };
  if (e.code === '23P01') return { column: 'courtesy_vehicle', reason: 'the courtesy vehicle is already booked at that time' };
  if (e.code === '23514') return { column: e.column ?? '', reason: `a value is out of range (${constraint || e.message})` };
  if (e.code === '22003') return { column: e.column ?? '', reason: 'a number is too large' };
  return { column: e.column ?? '', reason: `the database refused the row: ${e.message ?? String(err)}` };
}
