// The export_runs row of (location, partner, day) is the lock: whoever inserts it, or flips a
// failed / abandoned one back to 'running', uploads; everyone else backs off. ON CONFLICT ...
// DO UPDATE ... WHERE re-checks the row under its lock, so two processes never both win.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Partner } from './partners.ts';
import { EXPORT_RETRY, leaseSql, retryWaitSql } from '../domain/retry-policy.ts';

/** Failed runs are retried at most EXPORT_RETRY.maxAttempts times in all by the nightly job. */
export const MAX_ATTEMPTS = EXPORT_RETRY.maxAttempts;

export interface ExportRun {
  id: number;
  status: 'running' | 'succeeded' | 'failed';
  attempts: number;
  rows: number | null;
  bytes: number | null;
  checksum: string | null;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

export interface ClaimRequest {
  orgId: number;
  locationId: number;
  partner: Partner;
  runOn: string;
  now: Date;
  /** A person asked (CLI): retry a failed run now, whatever the backoff and attempt count. */
  force?: boolean;
}

/** The SQL condition under which an existing row may be taken (alias export_runs). */
export function retryableCondition(now: Date, force = false) {
  const failed = force
    ? sql`export_runs.status = 'failed'`
    : sql`(export_runs.status = 'failed' AND export_runs.attempts < ${sql.lit(EXPORT_RETRY.maxAttempts)}
           AND export_runs.finished_at + ${sql.raw(retryWaitSql(EXPORT_RETRY, 'export_runs.attempts'))} <= ${now}::timestamptz)`;
  // A run still 'running' after its lease died with its process: it may be taken over.
  return sql`(${failed} OR (export_runs.status = 'running' AND export_runs.started_at < ${now}::timestamptz - ${sql.raw(leaseSql(EXPORT_RETRY))}))`;
}

/** Returns the claimed run, or null with the existing row when someone else has the day. */
export async function claimExportRun(
  db: Kysely<DB>,
  r: ClaimRequest,
): Promise<{ claimed: ExportRun | null; existing: ExportRun | null }> {
  const { rows } = await sql<ExportRun>`
    INSERT INTO export_runs (org_id, location_id, partner, run_on, status, attempts, started_at)
    VALUES (${r.orgId}, ${r.locationId}, ${r.partner}, ${r.runOn}, 'running', 1, ${r.now})
    ON CONFLICT (org_id, location_id, partner, run_on) DO UPDATE
      SET status = 'running', attempts = export_runs.attempts + 1, started_at = excluded.started_at,
          finished_at = NULL, error = NULL, rows = NULL, bytes = NULL, checksum = NULL
      WHERE ${retryableCondition(r.now, r.force)}
    RETURNING id, status, attempts, rows, bytes, checksum, error, started_at, finished_at`.execute(db);
  if (rows[0]) return { claimed: rows[0], existing: null };
  const existing = await db
    .selectFrom('export_runs')
    .select(['id', 'status', 'attempts', 'rows', 'bytes', 'checksum', 'error', 'started_at', 'finished_at'])
    .where('org_id', '=', r.orgId)
    .where('location_id', '=', r.locationId)
    .where('partner', '=', r.partner)
    .where('run_on', '=', r.runOn)
    .executeTakeFirst();
  return { claimed: null, existing: (existing as ExportRun | undefined) ?? null };
}

/** Records the end of a claimed run; a no-op if another process took the run over since. */
export async function finishExportRun(
  db: Kysely<DB>,
  orgId: number,
  run: ExportRun,
  result:
    | { status: 'succeeded'; rows: number; bytes: number; checksum: string }
    | { status: 'failed'; error: string },
  now: Date,
): Promise<void> {
  await db
    .updateTable('export_runs')
    .set(
      result.status === 'succeeded'
        ? {
            status: 'succeeded',
            rows: result.rows,
            bytes: result.bytes,
            checksum: result.checksum,
            error: null,
            finished_at: now,
          }
        : { status: 'failed', error: result.error.slice(0, 1_000), finished_at: now },
    )
    .where('org_id', '=', orgId)
    .where('id', '=', run.id)
    .where('status', '=', 'running')
    .where('attempts', '=', run.attempts)
    .execute();
}
