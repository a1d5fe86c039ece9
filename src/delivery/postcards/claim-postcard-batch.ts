// A postcard batch is a durable row: created in the same transaction that claims its cards, its
// card set fixed (postcard_batches.message_ids), its id the print vendor's idempotency key. After
// a crash or a vendor failure the batch is claimed again whole (same id, same cards), so newly
// due cards never join it and the vendor's idempotency check catches a second upload.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Customer, DB, Location, Message } from '../../db/schema.ts';
import { localDay } from '../../i18n/format.ts';
import { missingIdentification } from '../../domain/compliance/identification.ts';
import { key, loadSendContext, type SendContext } from '../merge/load-send-context.ts';
import { claimMessages } from '../worker/claim.ts';
import { stillValidMany } from '../worker/still-valid.ts';

export interface ClaimedBatch {
  id: string;
  orgId: number;
  locationId: number;
  runOn: string;
  /** Tries of this batch so far, this one included. */
  attempts: number;
  /** The batch's cards, by message id. */
  messages: Message[];
  sc: SendContext;
  resumed: boolean;
}

export interface Skipped {
  message: Message;
  status: 'failed' | 'cancelled' | 'held';
  reason: string;
}

/**
 * Claims the due postcards of one location (SKIP LOCKED), drops those that must not print (with
 * the reason, in the same transaction) and writes the batch row and its cards. Null: nothing due.
 */
export async function createPostcardBatch(
  ctx: AppContext,
  opts: { workerId: string; orgId: number; locationId: number; limit: number; leaseMs: number },
): Promise<{ batch: ClaimedBatch | null; skipped: number }> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await claimMessages(trx, {
      workerId: opts.workerId,
      channels: ['postcard'],
      limit: opts.limit,
      now,
      locationId: { orgId: opts.orgId, id: opts.locationId },
    });
    if (!claimed.length) return { batch: null, skipped: 0 };
    const [sc, checks] = await Promise.all([loadSendContext(trx, claimed), stillValidMany(trx, claimed)]);
    const location = sc.locations.get(key(opts.orgId, opts.locationId))!;
    const skipped: Skipped[] = [];
    const kept: Message[] = [];
    for (const [i, m] of claimed.entries()) {
      const customer =
        m.customer_id !== null ? (sc.customers.get(key(m.org_id, m.customer_id)) ?? null) : null;
      const why =
        whyNot(location, customer) ??
        (checks[i]!.valid ? null : { status: 'cancelled' as const, reason: checks[i]!.reason }) ??
        // Re-checked at print time, not only by the engine: a card names its sender
        // (docs/compliance.md); held as the engine holds it.
        (missingIdentification(location).length > 0
          ? { status: 'held' as const, reason: 'no_identification' }
          : null);
      if (why) skipped.push({ message: m, ...why });
      else kept.push(m);
    }
    await recordSkipped(trx, skipped, now);
    if (!kept.length) return { batch: null, skipped: skipped.length };
    kept.sort((a, b) => a.id - b.id);
    const runOn = localDay(now, location.time_zone);
    const id = `pc-${opts.orgId}-${opts.locationId}-${runOn}-${randomBytes(6).toString('hex')}`;
    await sql`INSERT INTO postcard_batches (org_id, id, location_id, run_on, cards, status, claimed_by, lease_until, attempts, next_attempt_at, message_ids)
              VALUES (${opts.orgId}, ${id}, ${opts.locationId}, ${runOn}, ${kept.length}, 'building', ${opts.workerId}, ${new Date(now.getTime() + opts.leaseMs)}, 1, ${now},
                      ${kept.map((m) => m.id)}::bigint[])`.execute(trx);
    return {
      batch: {
        id,
        orgId: opts.orgId,
        locationId: opts.locationId,
        runOn,
        attempts: 1,
        messages: kept,
        sc,
        resumed: false,
      },
      skipped: skipped.length,
    };
  });
}

/**
 * Takes over one open batch that is due (a vendor failure's backoff has passed) and that no live
 * worker holds (its lease expired: the worker crashed). Null: none.
 */
export async function resumePostcardBatch(
  ctx: AppContext,
  opts: { workerId: string; leaseMs: number },
): Promise<ClaimedBatch | null> {
  const now = ctx.now();
  const row = (
    await sql<{
      org_id: number;
      id: string;
      location_id: number;
      run_on: string;
      attempts: number;
      message_ids: number[];
    }>`
      UPDATE postcard_batches b SET claimed_by = ${opts.workerId}, lease_until = ${new Date(now.getTime() + opts.leaseMs)}, attempts = attempts + 1
       WHERE (org_id, id) = (
         SELECT org_id, id FROM postcard_batches
          WHERE status = 'building' AND next_attempt_at <= ${now} AND (lease_until IS NULL OR lease_until < ${now})
          ORDER BY next_attempt_at
          LIMIT 1
          FOR UPDATE SKIP LOCKED)
      RETURNING org_id, id, location_id, run_on, attempts, message_ids`.execute(ctx.db)
  ).rows[0];
  if (!row) return null;
  const messages = (
    await sql<Message>`SELECT * FROM messages WHERE org_id = ${row.org_id} AND id = ANY(${row.message_ids}::bigint[]) ORDER BY id`.execute(
      ctx.db,
    )
  ).rows;
  // Cards whose message was deleted since (customer erased) left the set with it.
  const sc: SendContext = messages.length
    ? await loadSendContext(ctx.db, messages)
    : {
        customers: new Map(),
        locations: new Map(),
        users: new Map(),
        surveys: new Map(),
        overrides: new Map(),
        suppressed: new Set(),
      };
  return {
    id: row.id,
    orgId: row.org_id,
    locationId: row.location_id,
    runOn: row.run_on,
    attempts: row.attempts,
    messages,
    sc,
    resumed: true,
  };
}

/**
 * Extends the lease of a batch we hold to cover the upload (the vendor's worst case, retries
 * included); false when another worker took it over meanwhile (then we must not upload).
 */
export async function renewBatchLease(
  ctx: AppContext,
  batch: ClaimedBatch,
  opts: { workerId: string; leaseMs: number; bytes: number },
): Promise<boolean> {
  const result = await sql`
    UPDATE postcard_batches SET lease_until = ${new Date(ctx.now().getTime() + opts.leaseMs)}, bytes = ${opts.bytes}, cards = ${batch.messages.length}
     WHERE org_id = ${batch.orgId} AND id = ${batch.id} AND status = 'building' AND claimed_by = ${opts.workerId}`.execute(
    ctx.db,
  );
  return Number(result.numAffectedRows ?? 0) === 1;
}

function whyNot(location: Location, customer: Customer | null): Omit<Skipped, 'message'> | null {
  if (!location.postcards_enabled)
    return { status: 'cancelled', reason: 'postcards are switched off for this location' };
  if (!customer) return { status: 'failed', reason: 'a postcard needs a customer with an address' };
  if (customer.do_not_mail) return { status: 'cancelled', reason: 'do_not_mail' };
  if (!customer.address_line1 || !(customer.city || customer.postal_code))
    return { status: 'failed', reason: 'no mailing address' };
  return null;
}

async function recordSkipped(db: Kysely<DB>, skipped: Skipped[], now: Date): Promise<void> {
  if (!skipped.length) return;
  const rows = sql.join(
    skipped.map(
      (s) =>
        sql`(${s.message.org_id}::bigint, ${s.message.id}::bigint, ${s.status}::text, ${s.reason.slice(0, 500)}::text)`,
    ),
  );
  await sql`UPDATE messages m SET status = v.status, reason = v.reason, updated_at = ${now}
              FROM (VALUES ${rows}) AS v(org_id, id, status, reason)
             WHERE m.org_id = v.org_id AND m.id = v.id AND m.status = 'sending'`.execute(db);
}
