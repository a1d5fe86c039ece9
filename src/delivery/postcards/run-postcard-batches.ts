// Each location's due postcards become ONE batch per run: claimed together into a durable batch
// row (claim-postcard-batch.ts), rendered into one PDF (+ CSV), handed to the print vendor with
// the batch id as idempotency key, and marked sent only once the vendor accepted the batch.
// Open batches (a crash mid-upload, a vendor outage) are taken up first, as the same batch.
import type { AppContext } from '../../context.ts';
import { sql } from 'kysely';
import { releaseExpiredLeases } from '../worker/claim.ts';
import { DEFAULT_LEASE_MS, newWorkerId } from '../worker/run-worker.ts';
import { buildPostcardBatch } from './build-postcard-batch.ts';
import {
  createPostcardBatch,
  renewBatchLease,
  resumePostcardBatch,
  type ClaimedBatch,
} from './claim-postcard-batch.ts';
import {
  MAX_BATCH_ATTEMPTS,
  markBatchAccepted,
  markBatchFailed,
  markBatchRetry,
} from './finish-postcard-batch.ts';
import { printVendorFromConfig, VendorError, type PrintVendor } from './print-vendor.ts';

export interface BatchResult {
  batchId: string;
  orgId: number;
  locationId: number;
  cards: number;
  /** retry: the vendor could not take it now; the same batch is tried again after a backoff. */
  status: 'accepted' | 'retry' | 'failed';
  /** Taken up again (after a crash or a vendor failure) rather than made in this run. */
  resumed: boolean;
  error?: string;
}

const MAX_CARDS = 20_000;
/** Upload lease on top of the vendor's worst case: time to write the outcome. */
const UPLOAD_MARGIN_MS = 60_000;

export async function runPostcardBatches(
  ctx: AppContext,
  options: { vendor?: PrintVendor; workerId?: string; leaseMs?: number } = {},
): Promise<BatchResult[]> {
  const vendor = options.vendor ?? printVendorFromConfig(ctx.config);
  const workerId = options.workerId ?? newWorkerId();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  await releaseExpiredLeases(ctx.db, { now: ctx.now(), leaseMs });
  const results: BatchResult[] = [];
  for (
    let b = await resumePostcardBatch(ctx, { workerId, leaseMs });
    b;
    b = await resumePostcardBatch(ctx, { workerId, leaseMs })
  ) {
    const r = await handOver(ctx, vendor, b, workerId);
    if (r) results.push(r);
  }
  const due = await sql<{ org_id: number; location_id: number }>`
    SELECT DISTINCT org_id, location_id FROM messages
     WHERE status = 'pending' AND channel = 'postcard' AND next_attempt_at <= ${ctx.now()}`.execute(ctx.db);
  for (const loc of due.rows) {
    const { batch } = await createPostcardBatch(ctx, {
      workerId,
      orgId: loc.org_id,
      locationId: loc.location_id,
      limit: MAX_CARDS,
      leaseMs,
    });
    if (!batch) continue;
    const r = await handOver(ctx, vendor, batch, workerId);
    if (r) results.push(r);
  }
  return results;
}

/** Render, upload, record. Null when another worker took the batch over meanwhile. */
async function handOver(
  ctx: AppContext,
  vendor: PrintVendor,
  batch: ClaimedBatch,
  workerId: string,
): Promise<BatchResult | null> {
  const result = (status: BatchResult['status'], error?: string): BatchResult => ({
    batchId: batch.id,
    orgId: batch.orgId,
    locationId: batch.locationId,
    cards: batch.messages.length,
    status,
    resumed: batch.resumed,
    ...(error ? { error } : {}),
  });
  if (!batch.messages.length) {
    await markBatchFailed(ctx, batch, 'no cards left in the batch');
    return result('failed', 'no cards left in the batch');
  }
  if (batch.attempts > MAX_BATCH_ATTEMPTS) {
    const reason = `gave up after ${MAX_BATCH_ATTEMPTS} attempts`;
    await markBatchFailed(ctx, batch, reason);
    return result('failed', reason);
  }
  const files = await buildPostcardBatch(ctx, batch);
  // The lease must outlast the upload, all retries included: else another worker could take the
  // batch mid-upload. Renewed here, right before it, for the vendor's worst case.
  const uploadLeaseMs = (vendor.maxSubmitMs ?? DEFAULT_LEASE_MS) + UPLOAD_MARGIN_MS;
  if (!(await renewBatchLease(ctx, batch, { workerId, leaseMs: uploadLeaseMs, bytes: files.pdf.length })))
    return null;
  let vendorRef: string;
  try {
    vendorRef = (await vendor.submit(files)).vendorRef;
  } catch (err) {
    const reason = (err as Error).message;
    if (err instanceof VendorError && !err.temporary) {
      await markBatchFailed(ctx, batch, reason);
      return result('failed', reason);
    }
    if (batch.attempts >= MAX_BATCH_ATTEMPTS) {
      await markBatchFailed(ctx, batch, `gave up after ${batch.attempts} attempts: ${reason}`);
      return result('failed', reason);
    }
    await markBatchRetry(ctx, batch, reason);
    return result('retry', reason);
  }
  await markBatchAccepted(ctx, batch, vendorRef);
  return result('accepted');
}
