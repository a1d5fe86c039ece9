// Results reports vs one plain sequential scan of repair_orders, side by side on the demo
// organization at the bench size (the daily-run case's database; goal: each report ≤ 2x the scan).
// Every location's figures for the 12 months up to the data's last day, as a chain's dashboard asks:
// retention and loyalty read the visits of 35 and 23 months; attribution the 3 months' messages sent
// (a THANK_YOU the day after every visit of the last 3 months, a DEFERRED 14 days after every visit
// with declined items) and what followed each in its 30-day window, kept per message by the
// database as they are inserted (message_outcomes, migration 0871; the insert is not timed). Median
// of 5 pairs, the order alternating in each pair.
import type { BenchCase, BenchLine, BenchOptions } from '../case.ts';
import { execSql } from '../../src/engine/sql/exec.ts';
import { attributionByMonth } from '../../src/results/attribution.ts';
import { loyaltyByMonth } from '../../src/results/loyalty.ts';
import { monthIndex, monthOf, monthRange } from '../../src/results/months.ts';
import { retentionByMonth } from '../../src/results/retention.ts';
import { engineDatabase, scan } from './engine.ts';

const PAIRS = 5;

export const resultsCase: BenchCase = {
  name: 'results',
  async run(options: BenchOptions): Promise<BenchLine[]> {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
    const { database, label, close } = await engineDatabase(options, today);
    try {
      const db = database.db;
      const { rows } = await execSql<{ org_id: number; ids: number[]; last: string; ros: number }>(
        db,
        `SELECT org_id::int, array_agg(id::int ORDER BY id) AS ids,
                (SELECT to_char(max(closed_on), 'YYYY-MM-DD') FROM repair_orders WHERE closed_on <= current_date) AS last,
                (SELECT count(*)::int FROM repair_orders) AS ros
         FROM locations GROUP BY org_id ORDER BY org_id LIMIT 1`,
      );
      const { org_id: orgId, ids, last, ros } = rows[0]!;
      // The demo loader writes with triggers off: fill customer_visits as the triggers would have.
      await execSql(
        db,
        'SELECT refresh_customer_visits(array_agg(org_id), array_agg(id)) FROM customers WHERE org_id = $1',
        [orgId],
      );
      const messages = await addSentMessages(database.db, last);
      await execSql(db, 'VACUUM (ANALYZE)');
      options.log(
        `  ${label}: ${ids.length} locations, ${ros.toLocaleString('en')} repair orders, ${messages.toLocaleString('en')} messages sent; data up to ${last}`,
      );
      const year = monthRange(undefined, last.slice(0, 7), last);
      // The 3 months of messages.
      const attributionRange = monthRange(monthOf(monthIndex(last.slice(0, 7)) - 2), last.slice(0, 7), last);
      const reports: Array<[string, () => Promise<unknown[]>]> = [
        ['retention', () => retentionByMonth(db, orgId, ids, year)],
        ['loyalty', () => loyaltyByMonth(db, orgId, ids, year)],
        [
          'attribution',
          () => attributionByMonth(db, orgId, ids, { range: attributionRange, windowDays: 30 }),
        ],
      ];
      await scan(database);
      const lines: BenchLine[] = [];
      for (const [name, report] of reports) {
        await report(); // warm, as the scan was
        const pairs: Array<{ report: number; scan: number; rows: number }> = [];
        for (let i = 0; i < PAIRS; i++) {
          const timed = async <T>(f: () => Promise<T>) => {
            const t0 = performance.now();
            const value = await f();
            return { value, seconds: (performance.now() - t0) / 1000 };
          };
          const s1 = i % 2 === 0 ? await timed(() => scan(database)) : undefined;
          const r = await timed(report);
          const s = s1 ?? (await timed(() => scan(database)));
          pairs.push({ report: r.seconds, scan: s.seconds, rows: r.value.length });
        }
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
        const ratio = median(pairs.map((p) => p.report / p.scan));
        const reportS = median(pairs.map((p) => p.report));
        const scanS = median(pairs.map((p) => p.scan));
        options.log(
          `  ${name}: ${reportS.toFixed(3)} s vs scan ${scanS.toFixed(3)} s, ratio ${ratio.toFixed(2)}`,
        );
        const range = name === 'attribution' ? attributionRange : year;
        lines.push({
          name: `results: ${name} vs seq scan of repair orders`,
          measured: `${reportS.toFixed(3)} s vs scan ${scanS.toFixed(3)} s, median of ${PAIRS} (${ids.length} locations × ${range.count} months, ${pairs[0]!.rows} rows; ${ros.toLocaleString('en')} ROs, ${label})`,
          value: ratio,
          goal: '≤ 2x',
          ok: ratio <= 2,
          details: {
            report_s: +reportS.toFixed(4),
            scan_s: +scanS.toFixed(4),
            rows: pairs[0]!.rows,
            messages,
          },
        });
      }
      return lines;
    } finally {
      await close();
    }
  },
};

/** THANK_YOU sent the day after each visit of the last 3 months, DEFERRED 14 days after each visit with declined items. */
async function addSentMessages(db: Parameters<typeof execSql>[0], last: string): Promise<number> {
  await execSql(db, `DELETE FROM messages WHERE dedupe_key LIKE 'bench-results/%'`);
  const { affected } = await execSql(
    db,
    `INSERT INTO messages (org_id, location_id, kind, channel, customer_id, vehicle_id, repair_order_id, language, due_on,
                           dedupe_key, status, sent_at)
     SELECT ro.org_id, ro.location_id, k.kind, 'email', ro.customer_id, ro.vehicle_id, ro.id, 'en', ro.closed_on + k.days,
            'bench-results/' || k.kind || '/' || ro.id, 'sent', (ro.closed_on + k.days)::timestamp
     FROM repair_orders ro
     CROSS JOIN (VALUES ('THANK_YOU', 1), ('DEFERRED', 14)) AS k(kind, days)
     WHERE ro.status = 'closed' AND ro.customer_id IS NOT NULL
       AND ro.closed_on > $1::date - 92 AND ro.closed_on + k.days <= $1::date
       AND (k.kind = 'THANK_YOU' OR EXISTS (SELECT 1 FROM recommendations r WHERE r.org_id = ro.org_id AND r.repair_order_id = ro.id))`,
    [last],
  );
  return affected;
}
