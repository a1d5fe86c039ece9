// relance results retention|loyalty|cohorts|attribution|lift --location CODE [--org ID]
//   [--from YYYY-MM] [--to YYYY-MM] [--window-days N] [--kind KIND] [--csv]
// The results reports of docs/results.md for one location, as a table or as CSV (--csv).
import type { Kysely } from 'kysely';
import type { DB, Location } from '../../../db/schema.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { csvLine } from '../../../domain/csv.ts';
import { attributionByMonth } from '../../../results/attribution.ts';
import { cohortsByMonth } from '../../../results/cohorts.ts';
import { liftByMonth } from '../../../results/lift.ts';
import { loyaltyByMonth } from '../../../results/loyalty.ts';
import { monthIndex, monthOf, monthRange, type MonthRange } from '../../../results/months.ts';
import { retentionByMonth } from '../../../results/retention.ts';
import { UsageError, type Command } from '../../command.ts';
import { findLocationByCode } from '../delivery/find-location.ts';

type Report = (
  db: Kysely<DB>,
  location: Location,
  range: MonthRange,
  opts: { windowDays: number; kind?: string; currentMonth: number },
) => Promise<object[]>;

const REPORTS: Record<string, Report> = {
  retention: (db, l, range) => retentionByMonth(db, l.org_id, [l.id], range),
  loyalty: (db, l, range) => loyaltyByMonth(db, l.org_id, [l.id], range),
  cohorts: (db, l, range, o) => cohortsByMonth(db, l.org_id, [l.id], range, o.currentMonth),
  attribution: (db, l, range, o) => attributionByMonth(db, l.org_id, [l.id], { range, ...o }),
  lift: (db, l, range, o) => liftByMonth(db, l.org_id, [l.id], { range, ...o }),
};

export const resultsCommand: Command = {
  name: 'results',
  summary: 'Retention, loyalty, cohorts, what each message brought back, lift (docs/results.md)',
  usage: `relance results ${Object.keys(REPORTS).join('|')} --location CODE [--org ID] [--from YYYY-MM] [--to YYYY-MM] [--window-days N] [--kind KIND] [--csv]`,
  needsDatabase: true,
  options: {
    location: { type: 'string' },
    org: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    'window-days': { type: 'string' },
    kind: { type: 'string' },
    csv: { type: 'boolean', default: false },
  },
  async run({ values, positionals }, ctx) {
    if (!ctx) throw new Error('results needs the database');
    const [name, extra] = positionals;
    const report = name === undefined ? undefined : REPORTS[name];
    if (!report || extra !== undefined)
      throw new UsageError(`name one report: ${Object.keys(REPORTS).join(', ')}`);
    if (typeof values.location !== 'string') throw new UsageError('--location CODE is required');
    const window = values['window-days'];
    if (window !== undefined && !(/^\d+$/.test(String(window)) && +window >= 1 && +window <= 365))
      throw new UsageError(`--window-days must be a number of days from 1 to 365 (got "${String(window)}")`);
    const location = await findLocationByCode(ctx.db, values.location, values.org as string | undefined);
    const today = localDateTime(ctx.now(), location.time_zone).date;
    let range: MonthRange;
    try {
      const from = values.from as string | undefined;
      const to = values.to as string | undefined;
      range = monthRange(
        from ?? (to === undefined ? undefined : shift(to, -11)),
        to ?? (from === undefined ? undefined : shift(from, 11)),
        today,
      );
    } catch (err) {
      throw new UsageError(`--${(err as Error).message}`);
    }
    const rows = await report(ctx.db, location, range, {
      windowDays: window === undefined ? location.attribution_days : Number(window),
      kind: values.kind as string | undefined,
      currentMonth: monthIndex(today.slice(0, 7)),
    });
    print(rows as Array<Record<string, unknown>>, values.csv === true);
    return 0;
  },
};

function shift(month: string, by: number): string {
  try {
    return monthOf(monthIndex(month) + by);
  } catch {
    return month; // monthRange names the bad bound
  }
}

function print(rows: Array<Record<string, unknown>>, csv: boolean): void {
  if (rows.length === 0) {
    if (!csv) console.log('(no rows)');
    return;
  }
  const header = Object.keys(rows[0]!);
  const cells = rows.map((r) => header.map((h) => (r[h] === null ? '' : String(r[h]))));
  if (csv) {
    process.stdout.write(csvLine(header) + cells.map((c) => csvLine(c)).join(''));
    return;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padStart(widths[i]!)).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}
