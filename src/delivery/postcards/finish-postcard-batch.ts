// The outcome of handing a batch to the print vendor, written for the batch row and all its
// cards in one transaction: accepted (cards sent), refused (cards failed), or to try again later
// as the same batch (cards stay in it, 'sending', with the vendor's answer as reason).
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { backoffMs } from '../worker/record.ts';
import type { ClaimedBatch } from './claim-postcard-batch.ts';

/** Batch tries before the cards are failed (same as a message's attempts). */
export const MAX_BATCH_ATTEMPTS = 8;

const ids = (b: ClaimedBatch) => b.messages.map((m) => m.id);

export async function markBatchAccepted(
  ctx: AppContext,
  batch: ClaimedBatch,
  vendorRef: string,
): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await sql`UPDATE postcard_batches SET status = 'accepted', vendor_ref = ${vendorRef}, accepted_at = ${now}, error = NULL, lease_until = NULL
               WHERE org_id = ${batch.orgId} AND id = ${batch.id}`.execute(trx);
    await sql`UPDATE messages SET status = 'sent', sent_at = ${now}, provider_id = ${batch.id}, reason = NULL, updated_at = ${now}
               WHERE org_id = ${batch.orgId} AND id = ANY(${ids(batch)}::bigint[]) AND status = 'sending'`.execute(
      trx,
    );
  });
}

export async function markBatchFailed(ctx: AppContext, batch: ClaimedBatch, reason: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await sql`UPDATE postcard_batches SET status = 'failed', error = ${reason.slice(0, 500)}, lease_until = NULL
               WHERE org_id = ${batch.orgId} AND id = ${batch.id}`.execute(trx);
    await sql`UPDATE messages SET status = 'failed', reason = ${reason.slice(0, 500)}, updated_at = ${now}
               WHERE org_id = ${batch.orgId} AND id = ANY(${ids(batch)}::bigint[]) AND status = 'sending'`.execute(
      trx,
    );
  });
}

/** Same batch again after a backoff; the lease is released so any worker may take it then. */
export async function markBatchRetry(ctx: AppContext, batch: ClaimedBatch, reason: string): Promise<Date> {
  const now = ctx.now();
  const next = new Date(now.getTime() + backoffMs(batch.attempts));
  await ctx.db.transaction().execute(async (trx) => {
    await sql`UPDATE postcard_batches SET error = ${reason.slice(0, 500)}, next_attempt_at = ${next}, claimed_by = NULL, lease_until = NULL
               WHERE org_id = ${batch.orgId} AND id = ${batch.id} AND status = 'building'`.execute(trx);
    await sql`UPDATE messages SET reason = ${`batch ${batch.id} waits for the print vendor: ${reason}`.slice(0, 500)}, updated_at = ${now}
               WHERE org_id = ${batch.orgId} AND id = ANY(${ids(batch)}::bigint[]) AND status = 'sending'`.execute(
      trx,
    );
  });
  return next;
}
