// Outcomes of a send, each one small autocommit UPDATE guarded by the claim (status 'sending' and
// our worker id), so a worker whose lease was taken over cannot overwrite the new owner's result.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface Claimed {
  org_id: number;
  id: number;
  claimed_by: string | null;
}

export async function markSent(
  db: Kysely<DB>,
  m: Claimed,
  providerId: string,
  now: Date,
  reason: string | null = null,
): Promise<void> {
  await db
    .updateTable('messages')
    .set({ status: 'sent', sent_at: now, provider_id: providerId, reason, updated_at: now })
    .where('org_id', '=', m.org_id)
    .where('id', '=', m.id)
    .where('status', '=', 'sending')
    .execute();
}

export async function markOutcome(
  db: Kysely<DB>,
  m: Claimed,
  status: 'failed' | 'cancelled' | 'held',
  reason: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('messages')
    .set({ status, reason: reason.slice(0, 500), updated_at: now })
    .where('org_id', '=', m.org_id)
    .where('id', '=', m.id)
    .where('status', '=', 'sending')
    .execute();
}

/** Exponential backoff with jitter: 30 s, 1 min, 2 min … capped at 6 h. */
export function backoffMs(attempts: number, random = Math.random()): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random));
}

export const MAX_ATTEMPTS = 8;

export async function markRetry(
  db: Kysely<DB>,
  m: Claimed & { attempts: number },
  reason: string,
  now: Date,
): Promise<'retry' | 'failed'> {
  if (m.attempts >= MAX_ATTEMPTS) {
    await markOutcome(db, m, 'failed', `gave up after ${m.attempts} attempts: ${reason}`, now);
    return 'failed';
  }
  const next = new Date(now.getTime() + backoffMs(m.attempts));
  await sql`UPDATE messages SET status = 'pending', claimed_by = NULL, next_attempt_at = ${next}, reason = ${reason.slice(0, 500)}, updated_at = ${now}
             WHERE org_id = ${m.org_id} AND id = ${m.id} AND status = 'sending'`.execute(db);
  return 'retry';
}
