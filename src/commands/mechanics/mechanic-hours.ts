// A mechanic's weekly hours: blocks in the location's local time, sorted, never overlapping on a day.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';

export interface HoursBlock {
  weekday: number;
  starts_at: string;
  ends_at: string;
}

/** The blocks in week order; refuses two blocks of one day that overlap. */
export function checkHours(hours: HoursBlock[]): HoursBlock[] {
  const sorted = [...hours].sort((a, b) => a.weekday - b.weekday || a.starts_at.localeCompare(b.starts_at));
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1]!, sorted[i]!];
    if (a.weekday === b.weekday && b.starts_at < a.ends_at)
      throw new AppError(400, 'invalid_input', `hours: two blocks overlap on weekday ${a.weekday}`, 'hours');
  }
  return sorted;
}

export async function insertHours(
  trx: Transaction<DB>,
  orgId: number,
  mechanicId: number,
  hours: HoursBlock[],
): Promise<void> {
  if (hours.length)
    await trx
      .insertInto('mechanic_hours')
      .values(hours.map((h) => ({ org_id: orgId, mechanic_id: mechanicId, ...h })))
      .execute();
}
