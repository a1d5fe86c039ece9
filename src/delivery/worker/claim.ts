// Claiming is one atomic statement: any number of workers (processes) can run it at once and
// each row goes to exactly one of them (FOR UPDATE SKIP LOCKED). No transaction is held after it.
import { sql, type Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.ts';
import { LIVENESS_LOCK_NAMESPACE } from './worker-liveness.ts';

export type SendChannel = 'email' | 'task' | 'postcard' | 'sms';

export async function claimMessages(
  db: Kysely<DB>,
  opts: {
    workerId: string;
    channels: SendChannel[];
    limit: number;
    now: Date;
    locationId?: { orgId: number; id: number };
  },
): Promise<Message[]> {
  const where = opts.locationId
    ? sql`AND org_id = ${opts.locationId.orgId} AND location_id = ${opts.locationId.id}`
    : sql``;
  const result = await sql<Message>`
    UPDATE messages
       SET status = 'sending', claimed_by = ${opts.workerId}, claimed_at = ${opts.now}, attempts = attempts + 1, updated_at = ${opts.now}
     WHERE (org_id, id) IN (
       SELECT org_id, id FROM messages
        WHERE status = 'pending' AND channel = ANY(${opts.channels}::text[]) AND next_attempt_at <= ${opts.now} ${where}
        ORDER BY next_attempt_at
        LIMIT ${opts.limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING *`.execute(db);
  return result.rows;
}

/**
 * Rows left in 'sending' by a process that died go back to 'pending' once their lease expired.
 * On PostgreSQL, a worker that still holds its liveness lock (worker-liveness.ts) is alive, so its
 * rows stay its own whatever their lease says: a renewal that ran late does not double them.
 * The attempt already counted stays counted (a row that kills its worker every time ends failed).
 * That attempt may have reached the provider: `unsure_since` keeps when it started (the claim set
 * updated_at; renewals move only claimed_at), and a text's next attempt asks its provider first
 * (sms/reconcile.ts).
 * Postcards of an open batch are not released: the batch has its own lease and is retried whole,
 * with the same id and cards (postcards/claim-postcard-batch.ts).
 */
export async function releaseExpiredLeases(
  db: Kysely<DB>,
  opts: { now: Date; leaseMs: number },
): Promise<number> {
  const before = new Date(opts.now.getTime() - opts.leaseMs);
  const result = await sql`
    UPDATE messages m SET status = 'pending', claimed_by = NULL, updated_at = ${opts.now},
           reason = coalesce(reason, 'lease expired: the worker stopped mid-send'),
           unsure_since = coalesce(m.unsure_since, least(m.updated_at, m.claimed_at))
     WHERE status = 'sending' AND claimed_at < ${before}
       AND (m.claimed_by IS NULL OR hashtext(m.claimed_by)::oid NOT IN (
         SELECT l.objid FROM pg_locks l
          WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ${LIVENESS_LOCK_NAMESPACE}::oid AND l.objsubid = 2
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())))
       AND NOT EXISTS (
         SELECT 1 FROM postcard_batches b WHERE b.status = 'building' AND b.org_id = m.org_id AND m.id = ANY(b.message_ids))`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}

/**
 * A live worker keeps its claims: the rows it holds (queued or in flight) get a fresh claimed_at,
 * so a lease only runs out for a worker that stopped. Without this, a claim of a few hundred rows
 * drained slower than the lease (a loaded machine, a slow SMTP server) was released while still
 * queued, claimed again and sent twice.
 */
export async function renewLeases(db: Kysely<DB>, opts: { workerId: string; now: Date }): Promise<number> {
  // Rows locked right now are being recorded (sent, failed, retried): skipped, not waited for.
  // Waiting made the renewal, which locks all the worker's rows in scan order, a party to
  // deadlocks with a "sent" record locking several of them in its own order; PostgreSQL then
  // cancelled the record and its rows stayed in 'sending' for the life of the worker (kill drill).
  const result = await sql`
    UPDATE messages SET claimed_at = ${opts.now}
     WHERE (org_id, id) IN (
       SELECT org_id, id FROM messages
        WHERE status = 'sending' AND claimed_by = ${opts.workerId}
        FOR NO KEY UPDATE SKIP LOCKED)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
