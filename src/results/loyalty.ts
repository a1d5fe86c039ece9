// Loyalty per location and month (docs/results.md): of the customers active in the 12 months
// ending with month M (a visit in them), the share with visits on two or more days in them.
// One pass over customer_visits: the customers counted per pattern of their active12 and loyal12
// bits over the report's months, then one bit test per pattern and month.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { execSql } from '../engine/sql/exec.ts';
import { monthOf, rate, type MonthRange } from './months.ts';
import { bit, bitsOf } from './visit-sql.ts';

export interface LoyaltyRow {
  location_id: number;
  month: string;
  /** Customers with a visit in the 12 months ending with `month`. */
  active_customers: number;
  /** Of them, those with visits on two or more days in those 12 months. */
  loyal_customers: number;
  /** loyal_customers / active_customers, null when none were active. */
  loyalty_rate: number | null;
}

export async function loyaltyByMonth(
  db: Kysely<DB>,
  orgId: number,
  locationIds: number[],
  range: MonthRange,
): Promise<LoyaltyRow[]> {
  const { rows: patterns } = await execSql<{ location_id: number; a: string; l: string; n: number }>(
    db,
    `SELECT location_id::int AS location_id, ${bitsOf('active12', range.first, range.count)}::text AS a,
            ${bitsOf('loyal12', range.first, range.count)}::text AS l, count(*)::int AS n
     FROM customer_visits WHERE org_id = $1 AND location_id = ANY($2::bigint[])
     GROUP BY 1, 2, 3`,
    [orgId, locationIds],
  );
  const sums = new Map<string, { location_id: number; k: number; active: number; loyal: number }>();
  for (const { location_id, a, l, n } of patterns)
    for (let k = 0; k < range.count; k++) {
      if (!bit(a, k)) continue;
      const key = `${location_id}/${k}`;
      const row = sums.get(key) ?? { location_id, k, active: 0, loyal: 0 };
      row.active += n;
      if (bit(l, k)) row.loyal += n;
      sums.set(key, row);
    }
  const rows = [...sums.values()];
  const byKey = new Map(rows.map((r) => [`${r.location_id}/${r.k}`, r]));
  return locationIds.flatMap((locationId) =>
    Array.from({ length: range.count }, (_, k) => {
      const r = byKey.get(`${locationId}/${k}`);
      const active = r?.active ?? 0;
      const loyal = r?.loyal ?? 0;
      return {
        location_id: locationId,
        month: monthOf(range.first + k),
        active_customers: active,
        loyal_customers: loyal,
        loyalty_rate: rate(loyal, active),
      };
    }),
  );
}
