// Each location's due postcards become ONE batch per day: claimed together, rendered into one PDF
// (+ CSV), handed to the print vendor, and marked sent only once the vendor accepted the batch.
// The batch id is derived from the cards it holds: a batch retried after a crash keeps its id,
// so the vendor's idempotency key drops the duplicate.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Customer, Location, Message } from '../../db/schema.ts';
import type { MessagePayload } from '../../domain/messages/payload.ts';
import { t } from '../../i18n/delivery-strings.ts';
import { localDay } from '../../i18n/format.ts';
import { buildMergeData, businessAddress } from '../merge/build-merge-data.ts';
import { key, loadSendContext, overrideKey } from '../merge/load-send-context.ts';
import { renderTemplate } from '../templates/render-message.ts';
import { claimMessages, releaseExpiredLeases } from '../worker/claim.ts';
import { markOutcome, markRetry } from '../worker/record.ts';
import { stillValid } from '../worker/still-valid.ts';
import { newWorkerId, DEFAULT_LEASE_MS } from '../worker/run-worker.ts';
import { postcardsCsv, type PostcardRow } from './postcards-csv.ts';
import { printVendorFromConfig, VendorError, type PrintVendor } from './print-vendor.ts';
import { renderPostcardsPdf, type PostcardCard } from './render-postcards-pdf.ts';

export interface BatchResult {
  batchId: string;
  orgId: number;
  locationId: number;
  cards: number;
  status: 'accepted' | 'failed';
  error?: string;
}

const MAX_CARDS = 20_000;
const CHECKS_IN_FLIGHT = 8;

export async function runPostcardBatches(ctx: AppContext, options: { vendor?: PrintVendor; workerId?: string } = {}): Promise<BatchResult[]> {
  const vendor = options.vendor ?? printVendorFromConfig(ctx.config);
  const workerId = options.workerId ?? newWorkerId();
  await releaseExpiredLeases(ctx.db, { now: ctx.now(), leaseMs: DEFAULT_LEASE_MS });
  const due = await sql<{ org_id: number; location_id: number }>`
    SELECT DISTINCT org_id, location_id FROM messages
     WHERE status = 'pending' AND channel = 'postcard' AND next_attempt_at <= ${ctx.now()}`.execute(ctx.db);
  const results: BatchResult[] = [];
  for (const loc of due.rows) {
    const claimed = await claimMessages(ctx.db, { workerId, channels: ['postcard'], limit: MAX_CARDS, now: ctx.now(), locationId: { orgId: loc.org_id, id: loc.location_id } });
    if (claimed.length) {
      const r = await runOneBatch(ctx, vendor, claimed);
      if (r) results.push(r);
    }
  }
  return results;
}

async function runOneBatch(ctx: AppContext, vendor: PrintVendor, claimed: Message[]): Promise<BatchResult | null> {
  const now = ctx.now();
  const sc = await loadSendContext(ctx.db, claimed);
  const first = claimed[0]!;
  const location = sc.locations.get(key(first.org_id, first.location_id))!;
  const cards: PostcardCard[] = [];
  const rows: PostcardRow[] = [];
  const inBatch: Message[] = [];
  // The engine's still-valid check is a query per card: run them CHECKS_IN_FLIGHT at a time.
  const skips = new Array<Awaited<ReturnType<typeof whyNot>>>(claimed.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CHECKS_IN_FLIGHT, claimed.length) }, async () => {
      while (next < claimed.length) {
        const i = next++;
        const m = claimed[i]!;
        skips[i] = await whyNot(ctx, m, m.customer_id !== null ? (sc.customers.get(key(m.org_id, m.customer_id)) ?? null) : null, location);
      }
    }),
  );
  for (const [i, m] of claimed.entries()) {
    const customer = m.customer_id !== null ? (sc.customers.get(key(m.org_id, m.customer_id)) ?? null) : null;
    const skip = skips[i];
    if (skip) {
      await markOutcome(ctx.db, m, skip.status, skip.reason, now);
      continue;
    }
    const data = buildMergeData({ message: m, language: m.language, location, customer, staff: null, surveys: [] }, { publicUrl: ctx.config.publicUrl, keys: ctx.keys, now });
    const override = sc.overrides.get(overrideKey(m.org_id, m.location_id, m.kind, 'postcard', m.language)) ?? null;
    const rendered = await renderTemplate({ kind: m.kind, channel: 'postcard', language: m.language, override }, data);
    const to = addressLines(customer!);
    const l = m.language;
    const business = String(data.business_name);
    cards.push({
      headline: rendered.subject,
      businessName: business,
      phoneLine: t(l, 'postcard_call', { phone: String(data.business_phone) }),
      webLine: t(l, 'postcard_web', { url: String(data.portal_link) }),
      text: rendered.text,
      to,
      from: [business, ...businessAddress(location).split(', ')],
    });
    const v = (m.payload as MessagePayload).vehicles?.[0];
    rows.push({
      message_id: m.id, kind: m.kind, language: l, mailing_name: customer!.mailing_name,
      address_line1: customer!.address_line1 ?? '', address_line2: customer!.address_line2 ?? '', city: customer!.city ?? '',
      region: customer!.region ?? '', postal_code: customer!.postal_code ?? '', country: customer!.country ?? location.country,
      vehicle: v ? [v.year, v.make, v.model].filter(Boolean).join(' ') : '', plate: v?.plate ?? '', headline: rendered.subject, text: rendered.text,
    });
    inBatch.push(m);
  }
  if (!inBatch.length) return null;
  const runOn = localDay(now, location.time_zone);
  const ids = inBatch.map((m) => m.id).sort((a, b) => a - b);
  const batchId = `pc-${location.org_id}-${location.id}-${runOn}-${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 12)}`;
  const pdf = await renderPostcardsPdf(cards, { title: `Postcards ${location.name} ${runOn}`, now });
  await ctx.db
    .insertInto('postcard_batches')
    .values({ org_id: location.org_id, id: batchId, location_id: location.id, run_on: runOn, cards: cards.length, bytes: pdf.length })
    .onConflict((oc) => oc.columns(['org_id', 'id']).doUpdateSet({ status: 'building', error: null }))
    .execute();
  try {
    const receipt = await vendor.submit({
      id: batchId,
      pdf,
      csv: postcardsCsv(rows),
      manifest: { batch_id: batchId, org_id: location.org_id, location_id: location.id, run_on: runOn, cards: cards.length, return_address: [String(location.business_name ?? location.name), ...businessAddress(location).split(', ')], message_ids: ids },
    });
    // Accepted: every card of the batch is sent, in one statement.
    await sql`UPDATE messages SET status = 'sent', sent_at = ${ctx.now()}, provider_id = ${batchId}, updated_at = ${ctx.now()}
               WHERE org_id = ${location.org_id} AND id = ANY(${ids}::bigint[]) AND status = 'sending'`.execute(ctx.db);
    await ctx.db.updateTable('postcard_batches').set({ status: 'accepted', vendor_ref: receipt.vendorRef, accepted_at: ctx.now() }).where('org_id', '=', location.org_id).where('id', '=', batchId).execute();
    return { batchId, orgId: location.org_id, locationId: location.id, cards: cards.length, status: 'accepted' };
  } catch (err) {
    const reason = (err as Error).message;
    await ctx.db.updateTable('postcard_batches').set({ status: 'failed', error: reason.slice(0, 500) }).where('org_id', '=', location.org_id).where('id', '=', batchId).execute();
    for (const m of inBatch) {
      if (err instanceof VendorError && !err.temporary) await markOutcome(ctx.db, m, 'failed', reason, ctx.now());
      else await markRetry(ctx.db, m, reason, ctx.now());
    }
    return { batchId, orgId: location.org_id, locationId: location.id, cards: cards.length, status: 'failed', error: reason };
  }
}

async function whyNot(ctx: AppContext, m: Message, customer: Customer | null, location: Location): Promise<{ status: 'failed' | 'cancelled'; reason: string } | null> {
  if (!location.postcards_enabled) return { status: 'cancelled', reason: 'postcards are switched off for this location' };
  if (!customer) return { status: 'failed', reason: 'a postcard needs a customer with an address' };
  if (customer.do_not_mail) return { status: 'cancelled', reason: 'do not mail' };
  if (!customer.address_line1 || !(customer.city || customer.postal_code)) return { status: 'failed', reason: 'no mailing address' };
  const check = await stillValid(ctx.db, m);
  return check.valid ? null : { status: 'cancelled', reason: check.reason };
}

function addressLines(c: Customer): string[] {
  const cityLine = [c.city, c.region].filter(Boolean).join(' ') + (c.postal_code ? `  ${c.postal_code}` : '');
  return [c.mailing_name, c.address_line1, c.address_line2, cityLine.trim(), c.country].filter((x): x is string => Boolean(x));
}
