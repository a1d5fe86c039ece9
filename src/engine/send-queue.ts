// The send queue ahead as the console and the API read it: the last forecast kept for the
// location when it is still what the engine would decide, else computed now (previewSendQueue)
// and kept. Deciding 7 days costs about 0.35 s at the small bench size, reading the kept forecast
// a few milliseconds (docs/engine.md, "The send queue ahead").
//
// Freshness (migration 0870): a kept forecast is used when it is for the same days, is less
// than a day old, was computed with a `now` no later than this one, and no transaction that
// wrote data the engine reads (send_queue_changes, filled by triggers on every such table)
// is invisible to the snapshot it was computed on. Anything committed since, even a message
// sent, makes the next read compute it again. The daily-run job computes the forecasts of
// locations that have none or a stale one after its catch-up, so the console rarely waits.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { forecastSendQueue, type PreviewRow } from './preview.ts';
import { execSql } from './sql/exec.ts';

/** How long a kept forecast may be used at most, changes or not. */
export const FORECAST_MAX_AGE = '1 day';

export interface SendQueueResult {
  items: PreviewRow[];
  /** When the decisions listed were computed. */
  computedAt: string;
  /** Read from the kept forecast (true) or computed by this call. */
  kept: boolean;
}

export async function sendQueue(
  db: Kysely<DB>,
  orgId: number,
  locationId: number,
  fromDay: string,
  days: number,
  now: Date,
): Promise<SendQueueResult> {
  const kept = await readKept(db, orgId, locationId, fromDay, days, now);
  if (kept) return kept;
  return computeAndKeep(db, orgId, locationId, fromDay, days, now);
}

/** Computes the location's forecast and keeps it (the daily-run job, or a read that found none). */
export async function computeAndKeep(
  db: Kysely<DB>,
  orgId: number,
  locationId: number,
  fromDay: string,
  days: number,
  now: Date,
): Promise<SendQueueResult> {
  const { rows, snapshot } = await forecastSendQueue(db, orgId, locationId, fromDay, days, now);
  const { rows: stored } = await execSql<{ computed_at: Date }>(
    db,
    `INSERT INTO send_queue_forecasts (org_id, location_id, from_day, days, computed_now, computed_at, snapshot, items)
     VALUES ($1, $2, $3::date, $4, $5::timestamptz, now(), $6::pg_snapshot, $7::jsonb)
     ON CONFLICT (org_id, location_id, from_day, days) DO UPDATE SET computed_now = excluded.computed_now, computed_at = excluded.computed_at, snapshot = excluded.snapshot,
       items = excluded.items
     RETURNING computed_at`,
    [orgId, locationId, fromDay, days, now.toISOString(), snapshot, JSON.stringify(rows)],
  );
  return { items: rows, computedAt: new Date(stored[0]!.computed_at).toISOString(), kept: false };
}

async function readKept(
  db: Kysely<DB>,
  orgId: number,
  locationId: number,
  fromDay: string,
  days: number,
  now: Date,
): Promise<SendQueueResult | null> {
  // xids below the snapshot's xmin had all ended when it was taken: only the later ones are read.
  const { rows } = await execSql<{ items: PreviewRow[]; computed_at: Date }>(
    db,
    `SELECT f.items, f.computed_at FROM send_queue_forecasts f
     WHERE f.org_id = $1 AND f.location_id = $2 AND f.from_day = $3::date AND f.days = $4
       AND f.computed_now <= $5::timestamptz AND f.computed_at > now() - interval '${FORECAST_MAX_AGE}'
       AND NOT EXISTS (SELECT 1 FROM send_queue_changes c
                       WHERE c.org_id = f.org_id AND c.xid >= pg_snapshot_xmin(f.snapshot)
                         AND NOT pg_visible_in_snapshot(c.xid, f.snapshot))`,
    [orgId, locationId, fromDay, days, now.toISOString()],
  );
  const row = rows[0];
  if (!row) return null;
  const at = now.toISOString();
  return {
    // What is still to be decided is attempted at greatest(its time, now) (the rules'
    // next_attempt_at): with a later now, the same greatest() over the kept value.
    items: row.items.map((r) => (r.alreadyQueued || r.nextAttemptAt >= at ? r : { ...r, nextAttemptAt: at })),
    computedAt: new Date(row.computed_at).toISOString(),
    kept: true,
  };
}

/** What the console's Today screen asks for: the 7 days after the location's today. */
export const CONSOLE_QUEUE = { fromOffsetDays: 1, days: 7 } as const;

/**
 * The jobs' side (daily run, maintenance refresh, every 5 minutes): computes and keeps the
 * console's forecast of every location that has none still valid, then drops the forecasts and
 * change records no read can use any more. Returns how many forecasts were computed.
 */
export async function keepSendQueues(db: Kysely<DB>, now: Date, signal?: AbortSignal): Promise<number> {
  const { rows } = await execSql<{ org_id: number; location_id: number; from_day: string }>(
    db,
    `SELECT l.org_id::int AS org_id, l.id::int AS location_id,
            to_char((($1::timestamptz AT TIME ZONE l.time_zone)::date + $2::int), 'YYYY-MM-DD') AS from_day
     FROM locations l ORDER BY l.org_id, l.id`,
    [now.toISOString(), CONSOLE_QUEUE.fromOffsetDays],
  );
  let computed = 0;
  for (const l of rows) {
    if (signal?.aborted) break;
    if (await readKept(db, l.org_id, l.location_id, l.from_day, CONSOLE_QUEUE.days, now)) continue;
    await computeAndKeep(db, l.org_id, l.location_id, l.from_day, CONSOLE_QUEUE.days, now);
    computed++;
  }
  await execSql(
    db,
    `DELETE FROM send_queue_forecasts WHERE computed_at < now() - interval '${FORECAST_MAX_AGE}'`,
  );
  // A change record matters only to forecasts computed before it committed, all younger than a day.
  await execSql(
    db,
    `DELETE FROM send_queue_changes WHERE at < now() - interval '${FORECAST_MAX_AGE}' - interval '1 day'`,
  );
  return computed;
}
