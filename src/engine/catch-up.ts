// The daily run's tick: for each location whose local time has passed its run hour, run every
// day from the one after its last done day up to its local today; days older than the
// location's staleness limit are recorded as skipped_stale instead. A new location starts
// with its current day. Safe from several workers at once (see run-day.ts).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { execSql } from './sql/exec.ts';
import { runDay, type LocationRef, type RunDayResult } from './run-day.ts';

export interface CatchUpResult {
  ran: RunDayResult[];
  skippedStale: number;
  failed: Array<{ day: string; error: string }>;
}

interface DueRow {
  org_id: number;
  location_id: number;
  day: string;
  stale: boolean;
}

/** The (location, day) pairs due at `now`. */
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
     SELECT el.org_id, el.id AS location_id, to_char(d, 'YYYY-MM-DD') AS day, (d::date < el.today - el.staleness_days) AS stale
     FROM el
     LEFT JOIN LATERAL (SELECT er.run_on FROM engine_runs er WHERE er.org_id = el.org_id AND er.location_id = el.id
                          AND er.status IN ('done', 'skipped_stale') ORDER BY er.run_on DESC LIMIT 1) last ON true
     CROSS JOIN LATERAL generate_series(coalesce(last.run_on + 1, el.upto)::timestamp, el.upto::timestamp, interval '1 day') d
     ORDER BY d, el.org_id, el.id`,
    [now.toISOString(), orgId ?? null],
  );
  return rows;
}

export async function catchUp(db: Kysely<DB>, now: Date, options: { orgId?: number; signal?: AbortSignal } = {}): Promise<CatchUpResult> {
  const due = await dueDays(db, now, options.orgId);
  const stale = due.filter((d) => d.stale);
  if (stale.length) {
    await execSql(
      db,
      `INSERT INTO engine_runs (org_id, location_id, run_on, status, started_at, finished_at)
       SELECT o, l, d::date, 'skipped_stale', $4::timestamptz, $4::timestamptz FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS x(o, l, d)
       ON CONFLICT (org_id, location_id, run_on) DO NOTHING`,
      [stale.map((s) => s.org_id), stale.map((s) => s.location_id), stale.map((s) => s.day), now.toISOString()],
    );
  }
  const byDay = new Map<string, LocationRef[]>();
  for (const d of due.filter((x) => !x.stale)) {
    const list = byDay.get(d.day) ?? [];
    list.push({ orgId: d.org_id, locationId: d.location_id });
    byDay.set(d.day, list);
  }
  const result: CatchUpResult = { ran: [], skippedStale: stale.length, failed: [] };
  for (const [day, locations] of [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (options.signal?.aborted) break;
    try {
      result.ran.push(await runDay(db, day, { now, locations, skipDone: true }));
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
      break;
    }
  }
  return result;
}
