// The daily run's tick: for each location whose local time has passed its run hour, every day
// after its catch-up cursor (engine_location_state.caught_up_to, migration 0600) up to its
// local today is accounted for, in order: days already decided (by hand with `relance run
// --date`) are left as they are, days older than the location's staleness limit are recorded
// as skipped_stale, the others are run. The cursor then moves to the last day accounted for
// without a gap. Only this tick moves the cursor, so a day run by hand is never an anchor: a
// future day run by hand does not hold the location back, and a later past day run by hand
// does not make the tick jump over the days before it. A new location (no cursor) starts with
// its current day. Safe from several workers at once (see run-day.ts).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { execSql } from './sql/exec.ts';
import { runDay, type LocationRef, type RunDayResult } from './run-day.ts';

/** Locations per claim in a catch-up tick: small enough for several workers to share a day. */
export const CATCH_UP_BATCH = 50;

export interface CatchUpResult {
  ran: RunDayResult[];
  skippedStale: number;
  failed: Array<{ day: string; error: string }>;
}

export interface DueRow {
  org_id: number;
  location_id: number;
  day: string;
  /** Older than the location's staleness limit: skipped, not run. */
  stale: boolean;
  /** Already decided (done or skipped_stale in engine_runs): nothing to do but move the cursor. */
  decided: boolean;
}

/** Every (location, day) after the location's cursor up to its local today, as of `now`. */
export async function dueDays(db: Kysely<DB>, now: Date, orgId?: number): Promise<DueRow[]> {
  const { rows } = await execSql<DueRow>(
    db,
    `WITH loc AS (
       SELECT l.org_id, l.id, l.staleness_days, l.run_hour, ($1::timestamptz AT TIME ZONE l.time_zone) AS local_ts
       FROM locations l WHERE $2::bigint IS NULL OR l.org_id = $2::bigint),
     el AS (
       SELECT loc.*, local_ts::date AS today,
              CASE WHEN extract(hour FROM local_ts) >= run_hour THEN local_ts::date ELSE local_ts::date - 1 END AS upto
       FROM loc)
     SELECT el.org_id, el.id AS location_id, to_char(d, 'YYYY-MM-DD') AS day, (d::date < el.today - el.staleness_days) AS stale,
            EXISTS (SELECT 1 FROM engine_runs er WHERE er.org_id = el.org_id AND er.location_id = el.id AND er.run_on = d::date
                      AND er.status IN ('done', 'skipped_stale')) AS decided
     FROM el
     LEFT JOIN engine_location_state st ON st.org_id = el.org_id AND st.location_id = el.id
     CROSS JOIN LATERAL generate_series((coalesce(st.caught_up_to, el.upto - 1) + 1)::timestamp, el.upto::timestamp, interval '1 day') d
     ORDER BY d, el.org_id, el.id`,
    [now.toISOString(), orgId ?? null],
  );
  return rows;
}

export async function catchUp(
  db: Kysely<DB>,
  now: Date,
  options: { orgId?: number; signal?: AbortSignal; shards?: number; batch?: number } = {},
): Promise<CatchUpResult> {
  const due = await dueDays(db, now, options.orgId);
  const stale = due.filter((d) => d.stale && !d.decided);
  if (stale.length) {
    await execSql(
      db,
      `INSERT INTO engine_runs (org_id, location_id, run_on, status, started_at, finished_at)
       SELECT o, l, d::date, 'skipped_stale', $4::timestamptz, $4::timestamptz FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS x(o, l, d)
       ON CONFLICT (org_id, location_id, run_on) DO NOTHING`,
      [
        stale.map((s) => s.org_id),
        stale.map((s) => s.location_id),
        stale.map((s) => s.day),
        now.toISOString(),
      ],
    );
  }
  const byDay = new Map<string, LocationRef[]>();
  for (const d of due.filter((x) => !x.stale && !x.decided)) {
    const list = byDay.get(d.day) ?? [];
    list.push({ orgId: d.org_id, locationId: d.location_id });
    byDay.set(d.day, list);
  }
  const result: CatchUpResult = { ran: [], skippedStale: stale.length, failed: [] };
  // The first day not accounted for (failed, or not reached before an abort) stops the cursor.
  let stoppedAt: string | null = null;
  // Locations another worker was deciding when this tick reached them: left to it for this tick
  // (their later days too, so a location's days stay in order), their cursor not moved here.
  const leftToOthers = new Set<string>();
  const key = (l: LocationRef) => `${l.orgId}|${l.locationId}`;
  for (const [day, all] of [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (options.signal?.aborted) {
      stoppedAt = day;
      break;
    }
    const locations = all.filter((l) => !leftToOthers.has(key(l)));
    try {
      // In batches, each claimed with try-locks: workers ticking at once take different batches.
      const size = options.batch ?? CATCH_UP_BATCH;
      const batches = Math.ceil(locations.length / size);
      // Each tick starts at a random batch, so workers ticking together begin apart.
      const first = Math.floor(Math.random() * batches);
      for (let b = 0; b < batches; b++) {
        const i = ((first + b) % batches) * size;
        const batch = locations.slice(i, i + size);
        const ran = await runDay(db, day, {
          now,
          locations: batch,
          skipDone: true,
          shards: options.shards,
          claim: true,
        });
        const taken = new Set(ran.decided.map(key));
        for (const l of batch) if (!taken.has(key(l))) leftToOthers.add(key(l));
        if (ran.locations > 0) result.ran.push(ran);
      }
    } catch (err) {
      const error = (err as Error).message;
      result.failed.push({ day, error });
      await execSql(
        db,
        `INSERT INTO engine_runs (org_id, location_id, run_on, status, counts, started_at, finished_at)
         SELECT o, l, $3::date, 'failed', jsonb_build_object('error', $4::text), $5::timestamptz, $5::timestamptz
         FROM unnest($1::bigint[], $2::bigint[]) AS x(o, l)
         ON CONFLICT (org_id, location_id, run_on) DO UPDATE SET status = 'failed', counts = excluded.counts, finished_at = excluded.finished_at
         WHERE engine_runs.status NOT IN ('done', 'skipped_stale')`,
        [locations.map((l) => l.orgId), locations.map((l) => l.locationId), day, error, now.toISOString()],
      );
      // Later days wait for this one: the next tick retries it first.
      stoppedAt = day;
      break;
    }
  }
  const mine = due.filter(
    (d) => d.decided || d.stale || !leftToOthers.has(key({ orgId: d.org_id, locationId: d.location_id })),
  );
  await advanceCursors(db, mine, stoppedAt);
  return result;
}

/** Each location's cursor moves to its last due day before `stoppedAt` (all of them when null). */
async function advanceCursors(db: Kysely<DB>, due: DueRow[], stoppedAt: string | null): Promise<void> {
  const last = new Map<string, DueRow>();
  for (const d of due) {
    if (stoppedAt !== null && d.day >= stoppedAt) continue;
    last.set(`${d.org_id}|${d.location_id}`, d);
  }
  if (last.size === 0) return;
  const rows = [...last.values()];
  // Runs created the state row; a location with only days decided by hand has one too (runDay
  // creates it). Never inserted here: that would skip the first run's maintenance backfill.
  await execSql(
    db,
    `UPDATE engine_location_state s SET caught_up_to = greatest(coalesce(s.caught_up_to, x.d), x.d)
     FROM unnest($1::bigint[], $2::bigint[], $3::date[]) AS x(o, l, d)
     WHERE s.org_id = x.o AND s.location_id = x.l`,
    [rows.map((r) => r.org_id), rows.map((r) => r.location_id), rows.map((r) => r.day)],
  );
}
