// Cohorts per location (docs/results.md): the customers whose first visit at the location fell in
// a month, and for each of the 12 months after it how many visited in that month and how many had
// come back by then. One pass over customer_visits (first visit and visited months per customer).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { execSql } from '../engine/sql/exec.ts';
import { firstDay, monthOf, rate, type MonthRange } from './months.ts';
import { EPOCH_MONTH } from './visit-sql.ts';

/** The 63 months from month index `origin` of a bit-string column as a bigint: month origin + i is bit 62 - i. */
const monthsSlice = (column: string, originParam: string) =>
  `(B'0' || substring(${column} FROM ${originParam}::int - ${EPOCH_MONTH} + 1 FOR 63))::bit(64)::bigint`;

export interface CohortRow {
  location_id: number;
  /** Month of the first visit. */
  cohort: string;
  /** 0 is the cohort month itself, 1..12 the months after it. */
  months_since: number;
  /** Customers of the cohort. */
  customers: number;
  /** Of them, those with a visit in the month `months_since` after the cohort month. */
  visited: number;
  /** Of them, those with a visit in months 1..months_since (came back by then). */
  returned: number;
  /** returned / customers. */
  return_rate: number | null;
}

/** Cohorts of the months of `range`, their months up to `currentMonth` (index) at most. */
export async function cohortsByMonth(
  db: Kysely<DB>,
  orgId: number,
  locationIds: number[],
  range: MonthRange,
  currentMonth: number,
): Promise<CohortRow[]> {
  // Month origin + i is bit 62 - i of the slice; a cohort ci months after the origin, j months on.
  const { rows } = await execSql<{
    location_id: number;
    ci: number;
    j: number;
    customers: number;
    visited: number;
    returned: number;
  }>(
    db,
    `WITH co AS (
       SELECT location_id, ${monthsSlice('months', '$3')} AS mask,
              (extract(year FROM first_visit_on)::int * 12 + extract(month FROM first_visit_on)::int - 1) - $3::int AS ci
       FROM customer_visits
       WHERE org_id = $1 AND location_id = ANY($2::bigint[]) AND first_visit_on >= $4::date AND first_visit_on < $5::date)
     SELECT co.location_id::int AS location_id, co.ci, j.j, count(*)::int AS customers,
            count(*) FILTER (WHERE co.mask & (1::bigint << (62 - co.ci - j.j)) <> 0)::int AS visited,
            count(*) FILTER (WHERE j.j > 0 AND co.mask & ((((1::bigint << j.j) - 1)) << (62 - co.ci - j.j)) <> 0)::int AS returned
     FROM co CROSS JOIN generate_series(0, 12) j(j)
     WHERE $3::int + co.ci + j.j <= $6::int
     GROUP BY co.location_id, co.ci, j.j
     ORDER BY 1, 2, 3`,
    [orgId, locationIds, range.first, firstDay(range.first), firstDay(range.last + 1), currentMonth],
  );
  return rows.map((r) => ({
    location_id: r.location_id,
    cohort: monthOf(range.first + r.ci),
    months_since: r.j,
    customers: r.customers,
    visited: r.visited,
    returned: r.returned,
    return_rate: rate(r.returned, r.customers),
  }));
}
