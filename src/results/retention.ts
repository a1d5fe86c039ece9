// Retention per location and month (docs/results.md): for month M, of the customers who visited
// in the 12 months before M's period (the 12 months ending with M), the share who visited in it.
// One pass over customer_visits (one row per customer and location, kept by the database): the
// customers counted per pattern of active12 bits, then two bit tests per pattern and month.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { execSql } from '../engine/sql/exec.ts';
import { monthOf, rate, type MonthRange } from './months.ts';
import { bit, bitsOf } from './visit-sql.ts';

export interface RetentionRow {
  location_id: number;
  month: string;
  /** Customers with a visit in the 12 months before the period. */
  customers_before: number;
  /** Of them, those with a visit in the period (the 12 months ending with `month`). */
  retained: number;
  /** retained / customers_before, null when there were none. */
  retention_rate: number | null;
}

export async function retentionByMonth(
  db: Kysely<DB>,
  orgId: number,
  locationIds: number[],
  range: MonthRange,
): Promise<RetentionRow[]> {
  // active12 from the first report month's base (12 months before it) to the last report month:
  // month k of the report is bit k + 12, its base bit k.
  const { rows: patterns } = await execSql<{ location_id: number; p: string; n: number }>(
    db,
    `SELECT location_id::int AS location_id, ${bitsOf('active12', range.first - 12, range.count + 12)}::text AS p,
            count(*)::int AS n
     FROM customer_visits WHERE org_id = $1 AND location_id = ANY($2::bigint[])
     GROUP BY 1, 2`,
    [orgId, locationIds],
  );
  const sums = new Map<string, { location_id: number; k: number; base: number; retained: number }>();
  for (const { location_id, p, n } of patterns)
    for (let k = 0; k < range.count; k++) {
      if (!bit(p, k)) continue;
      const key = `${location_id}/${k}`;
      const row = sums.get(key) ?? { location_id, k, base: 0, retained: 0 };
      row.base += n;
      if (bit(p, k + 12)) row.retained += n;
      sums.set(key, row);
    }
  const rows = [...sums.values()];
  const byKey = new Map(rows.map((r) => [`${r.location_id}/${r.k}`, r]));
  return locationIds.flatMap((locationId) =>
    Array.from({ length: range.count }, (_, k) => {
      const r = byKey.get(`${locationId}/${k}`);
      const base = r?.base ?? 0;
      const retained = r?.retained ?? 0;
      return {
        location_id: locationId,
        month: monthOf(range.first + k),
        customers_before: base,
        retained,
        retention_rate: rate(retained, base),
      };
    }),
  );
}
