// The daily decision run for one calendar day over a set of locations (or all of them):
//   1. recompute the maintenance predictions of vehicles whose history changed;
//   2. cancel pending reminders of appointments that were cancelled or moved;
//   3. each rule inserts its candidates for every location at once (set-based);
//   4. candidates are grouped (one message per customer, kind, day and channel, naming the
//      vehicles), the frequency cap holds back what is over the limit, by priority;
//   5. one INSERT ... ON CONFLICT DO NOTHING into the outbox (exactly once per dedupe key),
//      surveys of the E06 digest marked in the same statement, engine_runs recorded.
// All in one transaction, under an advisory lock per location and day, so two runs of the same
// day never double anything (the unique key would stop them anyway). With `shards` > 1 the
// locations are split into that many groups decided at once, each in its own transaction on its
// own connection (PostgreSQL; the statements stay one per rule per group, never per customer).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { RULE_DAYS_SQL, OUTBOX_COLUMNS } from './sql/channel.ts';
import { execSql } from './sql/exec.ts';
import { APPOINTMENT_KINDS } from '../domain/messages/kinds.ts';
import { CAND_COLUMNS } from './rules/build.ts';
import { RULES } from './rules/index.ts';
import { lockDayCampaigns, markCampaignsSent } from './rules/campaign.ts';
import { refreshMaintenance } from './maintenance/refresh.ts';
import { missingIdentificationSql } from '../domain/compliance/identification.ts';
import { purposeSql } from '../domain/compliance/purpose.ts';
import { applyControlGroup } from './control-group.ts';

export interface LocationRef {
  orgId: number;
  locationId: number;
}

export interface RunDayOptions {
  now: Date;
  /** Only these locations; all locations when absent. */
  locations?: LocationRef[];
  /** Skip locations whose engine_runs row for the day is already done (catch-up ticks). */
  skipDone?: boolean;
  /** Groups of locations decided at once, each in its own transaction (1 on PGlite: one session). */
  shards?: number;
  /**
   * Take only the locations no other run is deciding (try-lock) and leave the others to it, instead
   * of waiting for them: several workers' catch-up ticks then share a day's locations.
   */
  claim?: boolean;
  /**
   * Decide only these kinds (a campaign sent today, its preview): the day is not recorded as run,
   * so the daily run still decides every kind.
   */
  only?: string[];
  /**
   * Recompute maintenance predictions first (default true). The preview's later days skip it:
   * its first day just did, in the same transaction, and deciding a day marks no vehicle.
   */
  refreshPredictions?: boolean;
  /** Record the day in engine_runs (default true); the preview, rolled back anyway, does not. */
  record?: boolean;
}

export interface RunDayResult {
  day: string;
  locations: number;
  /** Outbox rows added, by kind and status ("E01:pending"). */
  counts: Record<string, number>;
  /** The same, by kind, channel and status ("E01:email:pending"), for the metrics. */
  channelCounts: Record<string, number>;
  inserted: number;
  /** Ids of the rows added (preview reads them back before rolling back). */
  messageIds: Array<{ orgId: number; id: number }>;
  /** Locations that sent nothing because their General settings cannot identify the sender. */
  blocked: Array<{ orgId: number; locationId: number; missing: string[] }>;
  /** The locations this run decided (with `claim`, those it could take). */
  decided: LocationRef[];
}

export const LOCK_CLASS = 7_300_100;

/** Transactional messages (an appointment the customer booked) are never capped nor count. */
const UNCAPPED = `'E04', 'E05'`;

export async function runDay(db: Kysely<DB>, day: string, options: RunDayOptions): Promise<RunDayResult> {
  assertDay(day);
  const shards = Math.max(1, Math.floor(options.shards ?? 1));
  if (shards === 1) return db.transaction().execute((trx) => runDayInTransaction(trx, day, options));
  const locations =
    options.locations ??
    (await db
      .selectFrom('locations')
      .select(['org_id as orgId', 'id as locationId'])
      .orderBy('org_id')
      .orderBy('id')
      .execute());
  const groups = Array.from({ length: Math.min(shards, locations.length) }, (_, g) =>
    locations.filter((_, i) => i % shards === g),
  );
  // Every group runs to its end (commit or rollback) before an error is reported.
  const settled = await Promise.allSettled(
    groups.map((group) =>
      db.transaction().execute((trx) => runDayInTransaction(trx, day, { ...options, locations: group })),
    ),
  );
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const results = settled.map((r) => (r as PromiseFulfilledResult<RunDayResult>).value);
  const counts: Record<string, number> = {};
  for (const r of results) for (const [k, n] of Object.entries(r.counts)) counts[k] = (counts[k] ?? 0) + n;
  const channelCounts: Record<string, number> = {};
  for (const r of results)
    for (const [k, n] of Object.entries(r.channelCounts)) channelCounts[k] = (channelCounts[k] ?? 0) + n;
  return {
    day,
    locations: results.reduce((n, r) => n + r.locations, 0),
    counts,
    channelCounts,
    inserted: results.reduce((n, r) => n + r.inserted, 0),
    messageIds: results.flatMap((r) => r.messageIds),
    blocked: results.flatMap((r) => r.blocked),
    decided: results.flatMap((r) => r.decided),
  };
}

export function assertDay(day: string): void {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(day) ||
    Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ||
    new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day
  ) {
    throw new Error(`"${day}" is not a date (YYYY-MM-DD)`);
  }
}

export async function runDayInTransaction(
  trx: Transaction<DB>,
  day: string,
  options: RunDayOptions,
): Promise<RunDayResult> {
  const now = options.now.toISOString();

  // Each statement is index-driven and short; JIT compiling them cost more than it saved
  // (1.3 s per rule statement at 1M vehicles).
  await execSql(trx, 'SET LOCAL jit = off');
  // The rules look rows up by index (a day's customers among a million); at the default cost of
  // a random page (4) the planner preferred hashing whole tables such as customers.
  await execSql(trx, 'SET LOCAL random_page_cost = 1.1');
  await execSql(trx, 'DROP TABLE IF EXISTS run_locs, run_rules, eng_cand, eng_final');
  await execSql(
    trx,
    `CREATE TEMP TABLE run_locs (
      org_id bigint, location_id bigint, day date, tz text, lang text, email_enabled boolean, postcards_enabled boolean, sms_enabled boolean,
      cap_count int, cap_days int, route_e06 text, route_p00 text, route_p01 text, route_sales text,
      run_at timestamptz, next_run_at timestamptz, now timestamptz, staleness_days int, ident_missing text[],
      PRIMARY KEY (org_id, location_id)) ON COMMIT DROP`,
  );
  const orgIds = options.locations?.map((l) => l.orgId) ?? null;
  const locIds = options.locations?.map((l) => l.locationId) ?? null;
  await execSql(
    trx,
    `INSERT INTO run_locs
     SELECT l.org_id, l.id, $1::date, l.time_zone, l.language, l.email_enabled, l.postcards_enabled, l.sms_enabled, l.cap_count, l.cap_days,
            l.route_e06, l.route_p00, l.route_p01, l.route_sales,
            (($1::date + make_interval(hours => l.run_hour))::timestamp AT TIME ZONE l.time_zone),
            (($1::date + 1 + make_interval(hours => l.run_hour))::timestamp AT TIME ZONE l.time_zone),
            $2::timestamptz, l.staleness_days, ${missingIdentificationSql('l')}
     FROM locations l
     WHERE ($3::bigint[] IS NULL OR (l.org_id, l.id) IN (SELECT * FROM unnest($3::bigint[], $4::bigint[])))
       AND NOT ($5::boolean AND EXISTS (SELECT 1 FROM engine_runs er WHERE er.org_id = l.org_id AND er.location_id = l.id
                                          AND er.run_on = $1::date AND er.status IN ('done', 'skipped_stale')))`,
    [day, now, orgIds, locIds, options.skipDone ?? false],
  );
  // One lock per location and day, taken in one order (no deadlock between overlapping runs);
  // a location another run finished meanwhile is dropped (catch-up ticks from several workers).
  if (options.claim)
    await execSql(
      trx,
      `DELETE FROM run_locs WHERE NOT pg_try_advisory_xact_lock(hashtextextended(org_id || '/' || location_id || '/' || $1, ${LOCK_CLASS}))`,
      [day],
    );
  else
    await execSql(
      trx,
      `SELECT pg_advisory_xact_lock(hashtextextended(org_id || '/' || location_id || '/' || $1, ${LOCK_CLASS}))
       FROM (SELECT org_id, location_id FROM run_locs ORDER BY org_id, location_id) l`,
      [day],
    );
  if (options.skipDone) {
    await execSql(
      trx,
      `DELETE FROM run_locs rl USING engine_runs er WHERE er.org_id = rl.org_id AND er.location_id = rl.location_id
         AND er.run_on = $1::date AND er.status IN ('done', 'skipped_stale')`,
      [day],
    );
  }
  await execSql(
    trx,
    `CREATE TEMP TABLE run_rules ON COMMIT DROP AS ${RULE_DAYS_SQL}
     WHERE (org_id, location_id) IN (SELECT org_id, location_id FROM run_locs) GROUP BY org_id, location_id, kind`,
  );
  await execSql(trx, 'ANALYZE run_locs');
  await execSql(trx, 'ANALYZE run_rules');

  if (options.refreshPredictions !== false) {
    await backfillNewLocations(trx, now);
    await refreshMaintenance(trx, 'run_locs');
  }

  await cancelChangedAppointmentMessages(trx);

  await execSql(
    trx,
    `CREATE TEMP TABLE eng_cand (
      org_id bigint, location_id bigint, kind text, recipient_type text, customer_id bigint, vehicle_id bigint, appointment_id bigint,
      repair_order_id bigint, recipient_user_id bigint, recipient_email text, language text, due_on date, channel text, reason text,
      subject text, recipient text, payload jsonb, vehicle jsonb, next_attempt_at timestamptz, priority int) ON COMMIT DROP`,
  );
  const only = options.only ? new Set(options.only) : null;
  if (!only || only.has('CAMPAIGN')) await lockDayCampaigns(trx);
  for (const rule of RULES) {
    if (only && !only.has(rule.kind)) continue;
    for (const statement of rule.statements) await execSql(trx, statement);
  }
  void CAND_COLUMNS;

  await holdWithoutConsentOrIdentification(trx);
  await groupCandidates(trx);
  await applyControlGroup(trx);
  await applyFrequencyCap(trx);
  const inserted = await insertOutbox(trx, now);
  if (!only || only.has('CAMPAIGN')) await markCampaignsSent(trx, now);

  const counts: Record<string, number> = {};
  const channelCounts: Record<string, number> = {};
  for (const r of inserted) {
    counts[`${r.kind}:${r.status}`] = (counts[`${r.kind}:${r.status}`] ?? 0) + 1;
    const k = `${r.kind}:${r.channel}:${r.status}`;
    channelCounts[k] = (channelCounts[k] ?? 0) + 1;
  }
  if (!only && options.record !== false)
    await execSql(
      trx,
      `INSERT INTO engine_runs (org_id, location_id, run_on, status, counts, started_at, finished_at)
     SELECT rl.org_id, rl.location_id, rl.day, 'done', coalesce(c.counts, '{}'::jsonb), $1::timestamptz, $1::timestamptz
     FROM run_locs rl LEFT JOIN (SELECT org_id, location_id, jsonb_object_agg(k, n) AS counts
                                 FROM (SELECT (x->>'org_id')::bigint AS org_id, (x->>'location_id')::bigint AS location_id, x->>'k' AS k, count(*) AS n
                                       FROM jsonb_array_elements($2::jsonb) x GROUP BY 1, 2, 3) g GROUP BY org_id, location_id) c
       ON c.org_id = rl.org_id AND c.location_id = rl.location_id
     ON CONFLICT (org_id, location_id, run_on) DO UPDATE SET status = 'done', finished_at = excluded.finished_at,
       counts = CASE WHEN excluded.counts = '{}'::jsonb THEN engine_runs.counts ELSE excluded.counts END`,
      [
        now,
        JSON.stringify(
          inserted.map((r) => ({ org_id: r.org_id, location_id: r.location_id, k: `${r.kind}:${r.status}` })),
        ),
      ],
    );
  const decided = await execSql<LocationRef>(
    trx,
    'SELECT org_id::int AS "orgId", location_id::int AS "locationId" FROM run_locs ORDER BY org_id, location_id',
  );
  const blocked = await execSql<{ orgId: number; locationId: number; missing: string[] }>(
    trx,
    `SELECT org_id::int AS "orgId", location_id::int AS "locationId", ident_missing AS missing
     FROM run_locs WHERE cardinality(ident_missing) > 0 ORDER BY org_id, location_id`,
  );
  return {
    day,
    locations: decided.rows.length,
    counts,
    channelCounts,
    inserted: inserted.length,
    messageIds: inserted.map((r) => ({ orgId: r.org_id, id: r.id })),
    blocked: blocked.rows,
    decided: decided.rows,
  };
}

/** A location's first run predicts maintenance for all its vehicles (see migration 0101). */
export async function backfillNewLocations(trx: Transaction<DB>, now: string): Promise<void> {
  const { rows } = await execSql<{ org_id: number; location_id: number }>(
    trx,
    `INSERT INTO engine_location_state (org_id, location_id, maintenance_full_at)
     SELECT org_id, location_id, $1::timestamptz FROM run_locs ON CONFLICT DO NOTHING RETURNING org_id, location_id`,
    [now],
  );
  if (rows.length === 0) return;
  await execSql(
    trx,
    `INSERT INTO maintenance_dirty (org_id, vehicle_id)
     SELECT v.org_id, v.id FROM vehicles v JOIN unnest($1::bigint[], $2::bigint[]) AS n(o, l) ON v.org_id = n.o AND v.location_id = n.l
     ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.org_id), rows.map((r) => r.location_id)],
  );
}

/** Pending reminders of an appointment that is no longer at that time (or no longer on). */
async function cancelChangedAppointmentMessages(trx: Transaction<DB>): Promise<void> {
  await execSql(
    trx,
    `UPDATE messages m SET status = 'cancelled', reason = 'appointment_changed', updated_at = now()
     FROM run_locs rl
     WHERE m.org_id = rl.org_id AND m.location_id = rl.location_id AND m.status = 'pending' AND m.appointment_id IS NOT NULL
       AND m.kind = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.org_id = m.org_id AND a.id = m.appointment_id
                         AND a.status IN ('confirmed', 'requested')
                         AND date_trunc('milliseconds', a.starts_at) = (m.payload->'appointment'->>'starts_at')::timestamptz)`,
    [APPOINTMENT_KINDS],
  );
}

/**
 * Marketing messages need valid consent on their day (CASL): held with no_consent or
 * consent_expired. Service messages need none, but a customer who declined them on a channel
 * (the portal's preferences) gets none there: held with no_consent. A location that cannot identify itself sends nothing to customers or
 * visitors: held with no_identification. One statement each, for every location of the run.
 */
async function holdWithoutConsentOrIdentification(trx: Transaction<DB>): Promise<void> {
  await execSql(
    trx,
    `WITH h AS (
       SELECT e.ctid AS row_id,
              consent_hold_reason(coalesce(cc.basis, c.consent_basis), CASE WHEN cc.basis IS NULL THEN c.consent_date ELSE cc.given_on END,
                                  c.last_visit_on, e.due_on) AS reason
       FROM eng_cand e
       JOIN customers c ON c.org_id = e.org_id AND c.id = e.customer_id
       LEFT JOIN customer_consents cc ON cc.org_id = e.org_id AND cc.customer_id = e.customer_id AND cc.channel = e.channel
                                      AND cc.purpose = 'marketing'
       WHERE e.recipient_type = 'customer' AND e.channel IN ('email', 'postcard') AND ${purposeSql('e')} = 'marketing')
     UPDATE eng_cand e SET channel = 'none', reason = h.reason FROM h WHERE e.ctid = h.row_id AND h.reason IS NOT NULL`,
  );
  await execSql(
    trx,
    `UPDATE eng_cand e SET channel = 'none', reason = 'no_consent'
     FROM customer_consents cc
     WHERE cc.org_id = e.org_id AND cc.customer_id = e.customer_id AND cc.channel = e.channel
       AND cc.purpose = 'service' AND cc.basis = 'none'
       AND e.recipient_type = 'customer' AND e.channel IN ('email', 'postcard') AND ${purposeSql('e')} = 'service'`,
  );
  await execSql(
    trx,
    `UPDATE eng_cand e SET channel = 'none', reason = 'no_identification'
     FROM run_locs rl
     WHERE rl.org_id = e.org_id AND rl.location_id = e.location_id AND cardinality(rl.ident_missing) > 0
       AND e.recipient_type IN ('customer', 'visitor') AND e.channel <> 'none'`,
  );
}

/**
 * One row per recipient, subject, kind and day (the channel is not part of the key, so a day
 * re-run after a data change cannot add the same message on another channel); payload.vehicles
 * names the vehicles. When some vehicles of one message are held (sold) and others not, the held
 * ones are left out of it.
 */
async function groupCandidates(trx: Transaction<DB>): Promise<void> {
  await execSql(
    trx,
    `DELETE FROM eng_cand e WHERE e.channel = 'none' AND EXISTS (
       SELECT 1 FROM eng_cand o WHERE o.org_id = e.org_id AND o.kind = e.kind AND o.recipient = e.recipient
         AND o.subject = e.subject AND o.due_on = e.due_on AND o.channel <> 'none')`,
  );
  await execSql(
    trx,
    `CREATE TEMP TABLE eng_final ON COMMIT DROP AS
     SELECT org_id, location_id, kind, recipient_type, min(customer_id) AS customer_id,
            (array_agg(vehicle_id ORDER BY vehicle_id) FILTER (WHERE vehicle_id IS NOT NULL))[1] AS vehicle_id,
            min(appointment_id) AS appointment_id, min(repair_order_id) AS repair_order_id, min(recipient_user_id) AS recipient_user_id,
            min(recipient_email) AS recipient_email, min(language) AS language, due_on,
            CASE WHEN recipient_type = 'staff' AND channel <> 'none' THEN 'task' ELSE channel END AS channel,
            min(reason) AS reason,
            (array_agg(payload ORDER BY vehicle_id NULLS FIRST))[1]
              || CASE WHEN count(vehicle) > 0 THEN jsonb_build_object('vehicles', jsonb_agg(DISTINCT vehicle) FILTER (WHERE vehicle IS NOT NULL))
                      ELSE '{}'::jsonb END AS payload,
            min(next_attempt_at) AS next_attempt_at, min(priority) AS priority,
            recipient || '/' || subject || '/' || kind || '/' || due_on AS dedupe_key,
            CASE WHEN min(reason) = 'stale' THEN 'cancelled' WHEN channel = 'none' THEN 'held' ELSE 'pending' END AS status
     FROM eng_cand
     GROUP BY org_id, location_id, kind, recipient_type, recipient, subject, due_on, channel`,
  );
}

/**
 * At most cap_count customer messages per customer in cap_days days (this day included):
 * what is already pending, sending or sent in the window counts first; the day's new ones are
 * taken by priority (lower first); the rest are held with reason 'frequency_cap'.
 */
async function applyFrequencyCap(trx: Transaction<DB>): Promise<void> {
  await execSql(
    trx,
    `WITH pend AS (
       SELECT f.org_id, f.location_id, f.customer_id, f.dedupe_key,
              row_number() OVER (PARTITION BY f.org_id, f.customer_id ORDER BY f.priority, f.kind, f.dedupe_key) AS rn
       FROM eng_final f
       WHERE f.recipient_type = 'customer' AND f.status = 'pending' AND f.customer_id IS NOT NULL
         AND f.kind NOT IN (${UNCAPPED})
         AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.org_id = f.org_id AND m.dedupe_key = f.dedupe_key)),
     over AS (
       SELECT p.org_id, p.dedupe_key FROM pend p
       JOIN run_locs rl ON rl.org_id = p.org_id AND rl.location_id = p.location_id
       WHERE p.rn > rl.cap_count - (SELECT count(*) FROM messages m WHERE m.org_id = p.org_id AND m.customer_id = p.customer_id
                                      AND m.recipient_type = 'customer' AND m.status IN ('pending', 'sending', 'sent')
                                      AND m.kind NOT IN (${UNCAPPED})
                                      AND m.due_on > rl.day - rl.cap_days AND m.due_on <= rl.day))
     UPDATE eng_final f SET status = 'held', reason = 'frequency_cap'
     FROM over WHERE f.org_id = over.org_id AND f.dedupe_key = over.dedupe_key`,
  );
}

interface InsertedRow {
  org_id: number;
  location_id: number;
  id: number;
  kind: string;
  channel: string;
  status: string;
}

async function insertOutbox(trx: Transaction<DB>, now: string): Promise<InsertedRow[]> {
  const { rows } = await execSql<InsertedRow>(
    trx,
    `WITH ins AS (
       INSERT INTO messages (${OUTBOX_COLUMNS})
       SELECT org_id, location_id, kind, channel, recipient_type, customer_id, vehicle_id, appointment_id, repair_order_id,
              recipient_user_id, recipient_email, language, due_on, dedupe_key, status, reason, payload, next_attempt_at
       FROM eng_final ORDER BY org_id, location_id, kind, dedupe_key
       ON CONFLICT (org_id, dedupe_key) DO NOTHING
       RETURNING org_id, location_id, id, kind, channel, status, CASE WHEN kind = 'E06' THEN payload->'survey_ids' END AS survey_ids),
     digested AS (
       UPDATE surveys s SET digested_at = $1::timestamptz FROM ins
       WHERE ins.kind = 'E06' AND s.org_id = ins.org_id
         AND s.id IN (SELECT jsonb_array_elements_text(ins.survey_ids)::bigint))
     SELECT org_id, location_id, id, kind, channel, status FROM ins`,
    [now],
  );
  return rows;
}
