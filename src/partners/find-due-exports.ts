// The nightly sweep: which (location, partner) pairs should export their previous local day
// now. Set-based, one query over every organization — a system job on purpose (each export
// it starts is then scoped by org_id). Due when: the partner is on (with consent where the
// partner needs it), the location's local clock is past the export hour, and yesterday has no
// run yet, or a failed one whose backoff is over, or one abandoned by a dead process.
// Nights the service was down are caught up as the daily run does: every day after the
// pair's first export up to yesterday without a succeeded run, within the location's
// staleness_days, oldest first (a pair never exported starts with yesterday: no backfill of
// the time before it was switched on).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { retryableCondition } from './claim-export-run.ts';
import type { Partner } from './partners.ts';

export interface DueExport {
  org_id: number;
  location_id: number;
  partner: Partner;
  run_on: string;
}

export async function findDueExports(db: Kysely<DB>, now: Date): Promise<DueExport[]> {
  const { rows } = await sql<DueExport>`
    WITH candidates AS (
      SELECT ps.org_id, ps.location_id, ps.partner,
             (${now}::timestamptz AT TIME ZONE z.name) AS local_now,
             CASE WHEN ps.settings->>'export_hour' ~ '^[0-9]{1,2}$' THEN (ps.settings->>'export_hour')::int ELSE 2 END AS export_hour,
             l.staleness_days,
             (SELECT min(er.run_on) FROM export_runs er
               WHERE er.org_id = ps.org_id AND er.location_id = ps.location_id AND er.partner = ps.partner) AS first_run_on
      FROM partner_settings ps
      JOIN locations l ON l.org_id = ps.org_id AND l.id = ps.location_id
      -- Only known time zones (z.name, never l.time_zone, goes to AT TIME ZONE): a location
      -- with a misspelt zone must not stop every other location's export.
      JOIN pg_timezone_names z ON z.name = l.time_zone
      WHERE ps.enabled
        AND (ps.partner = 'mechanicnet' OR (ps.consent_user_id IS NOT NULL AND ps.consent_at IS NOT NULL))
    )
    SELECT c.org_id, c.location_id, c.partner, to_char(d.day, 'YYYY-MM-DD') AS run_on
    FROM candidates c
    CROSS JOIN LATERAL (
      SELECT g::date AS day
      FROM generate_series(
             greatest(least(coalesce(c.first_run_on, c.local_now::date - 1), c.local_now::date - 1),
                      c.local_now::date - 1 - c.staleness_days),
             c.local_now::date - 1, interval '1 day') g) d
    LEFT JOIN export_runs ON export_runs.org_id = c.org_id AND export_runs.location_id = c.location_id
                         AND export_runs.partner = c.partner AND export_runs.run_on = d.day
    -- Yesterday waits for the export hour; a missed older night is due at once.
    WHERE (d.day < c.local_now::date - 1 OR extract(hour FROM c.local_now) >= c.export_hour)
      AND (export_runs.id IS NULL OR ${retryableCondition(now)})
    ORDER BY c.org_id, c.location_id, c.partner, d.day`.execute(db);
  return rows;
}
