-- Engine: the catch-up cursor. caught_up_to is the last local day the scheduled run (catch-up)
-- accounted for, run or skipped as stale. Only the scheduler moves it: a day run by hand
-- (`relance run --date`, past or future) is recorded in engine_runs but is no anchor, so a
-- future day run by hand does not hold the location back until that day, and a later past day
-- run by hand does not make the scheduler jump over the days before it.
ALTER TABLE engine_location_state ADD COLUMN caught_up_to date;

-- Existing installations: start from the latest day already decided, ignoring future days.
UPDATE engine_location_state s SET caught_up_to = r.last
FROM (SELECT org_id, location_id, max(run_on) AS last FROM engine_runs
      WHERE status IN ('done', 'skipped_stale') AND run_on <= current_date
      GROUP BY org_id, location_id) r
WHERE r.org_id = s.org_id AND r.location_id = s.location_id;
