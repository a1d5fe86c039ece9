// Outcomes of a send, each one small autocommit UPDATE guarded by the claim (status 'sending' and
// our worker id), so a worker whose lease was taken over cannot overwrite the new owner's result.
import { givenUp, retryWaitMs, SEND_RETRY } from '../../domain/retry-policy.ts';
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

/** Wait before the next try of a message or a postcard batch (the shared retry rule). */
export const backoffMs = (attempts: number, random = Math.random()): number =>
  retryWaitMs(SEND_RETRY, attempts, random);

export const MAX_ATTEMPTS = SEND_RETRY.maxAttempts;

export async function markRetry(
  db: Kysely<DB>,
  m: Claimed & { attempts: number },
  reason: string,
  now: Date,
): Promise<'retry' | 'failed'> {
  if (givenUp(SEND_RETRY, m.attempts)) {
    await markOutcome(db, m, 'failed', `gave up after ${m.attempts} attempts: ${reason}`, now);
    return 'failed';
  }
  const next = new Date(now.getTime() + backoffMs(m.attempts));
  await sql`UPDATE messages SET status = 'pending', claimed_by = NULL, next_attempt_at = ${next}, reason = ${reason.slice(0, 500)}, updated_at = ${now}
             WHERE org_id = ${m.org_id} AND id = ${m.id} AND status = 'sending'`.execute(db);
  return 'retry';
}
