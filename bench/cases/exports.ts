// Partner exports: rows per second of the CARFAX and CustomerLink extracts written to a file
// (no network), and their peak memory at N and 2N rows. The extracts read keyset pages, so
// peak memory must stay flat when the data doubles (goal: live heap after GC at 2N ≤ 1.2 × at N).
// Runs on a throw-away PostgreSQL database filled by set-based generate_series inserts.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { BenchCase, BenchLine, BenchOptions } from '../case.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import type { DB, Location } from '../../src/db/schema.ts';
import { buildExtractFile } from '../../src/partners/build-extract-file.ts';
import { EXTRACTS } from '../../src/partners/extracts/index.ts';
import type { Extract } from '../../src/partners/extracts/extract.ts';
import type { SettingsByPartner } from '../../src/partners/partners.ts';
import { createLocation } from '../../src/tenancy/create-location.ts';
import { createOrganization } from '../../src/tenancy/create-organization.ts';

const DAY = '2026-11-22';
const MIN_ROWS = 50_000;
const MB = 1024 * 1024;

const SETTINGS: Pick<SettingsByPartner, 'carfax' | 'customerlink'> = {
  carfax: { endpoint: 'https://carfax.invalid/upload', export_hour: 2 },
  customerlink: {
    account_number: 'BENCH',
    server: 'ftp.invalid',
    port: 21,
    user: 'bench',
    directory: '',
    passive: true,
    tls: 'off',
    export_hour: 2,
  },
};

/** Customers from+1..to, each with one vehicle, one odometer reading and one repair order closed on DAY (package, labor, part lines). */
export async function fill(db: Kysely<DB>, location: Location, from: number, to: number): Promise<void> {
  await sql`
    WITH c AS (
      INSERT INTO customers (org_id, location_id, customer_number, first_name, last_name, mailing_name, email, phone,
                             address_line1, city, region, postal_code, country, do_not_mail, language)
      SELECT ${location.org_id}, ${location.id}, 'C' || g, 'First' || g, 'Last' || g, 'First' || g || ' Last' || g,
             'customer' || g || '@example.test', '514-555-' || lpad((g % 10000)::text, 4, '0'),
             g || ' Main Street', 'Montréal', 'QC', 'H2X 1Y4', 'CA', g % 50 = 0, (ARRAY['en','fr','es'])[1 + g % 3]
      FROM generate_series(${from + 1}::int, ${to}::int) g
      RETURNING org_id, location_id, id, customer_number
    ), v AS (
      INSERT INTO vehicles (org_id, location_id, customer_id, vin, year, make, model, submodel, engine, plate, plate_region, next_visit_on)
      SELECT org_id, location_id, id, 'V' || lpad(substr(customer_number, 2), 16, '0'), 2010 + id % 15,
             (ARRAY['Toyota','Honda','Ford','Mazda'])[1 + id % 4], 'Model ' || id % 20, 'LX', '2.0L I4', 'P' || id, 'QC',
             ${DAY}::date + 180
      FROM c
      RETURNING org_id, location_id, id, customer_id
    ), o AS (
      INSERT INTO odometer_readings (org_id, vehicle_id, read_on, value)
      SELECT org_id, id, ${DAY}::date, 10000 + id % 150000 FROM v
    ), r AS (
      INSERT INTO repair_orders (org_id, location_id, ro_number, customer_id, vehicle_id, opened_on, closed_on, odometer, total_amount)
      SELECT org_id, location_id, 'RO' || id, customer_id, id, ${DAY}::date, ${DAY}::date, 10000 + id % 150000, 250.00
      FROM v
      RETURNING org_id, id
    )
    INSERT INTO repair_order_lines (org_id, repair_order_id, line_no, kind, description, amount)
    SELECT r.org_id, r.id, l.no, l.kind, l.description, l.amount
    FROM r CROSS JOIN (VALUES (1, 'package', 'Oil change and inspection', 0), (2, 'labor', 'Replace front brake pads', 120), (3, 'part', 'Brake pad set', 130))
                       AS l(no, kind, description, amount)`.execute(db);
  await sql`ANALYZE`.execute(db);
}

interface Measure {
  rows: number;
  seconds: number;
  peakRssMb: number;
  peakHeapMb: number;
  liveHeapMb?: number;
}

/**
 * One export measured in a fresh Node process (this file run as a script), so every peak is
 * measured from the same starting heap: in a long-lived process V8 keeps growing its heap
 * limits, and a later export would look bigger for reasons that are not its own.
 */
function measure(
  url: string,
  location: Location,
  partner: 'carfax' | 'customerlink',
  mode: Mode,
): Promise<Measure> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(import.meta.url), url, String(location.org_id), String(location.id), partner, mode],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as Measure)
        : reject(new Error(`export measurement exited with ${code}`)),
    );
  });
}

/**
 * 'timed': rows/s and the peaks sampled every 5 ms, as a user would see them. 'live': a full
 * garbage collection after each page is read, then heapUsed: the memory the export really
 * holds (a page plus buffers), free of V8's lazy collection — slower, so not timed.
 */
type Mode = 'timed' | 'live';

/** The child: builds one extract to a temp file, sampling memory. */
async function measureHere(
  url: string,
  orgId: number,
  locationId: number,
  partner: 'carfax' | 'customerlink',
  mode: Mode,
): Promise<Measure> {
  const database = await openDatabase({ url, poolSize: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'relance-bench-exports-'));
  try {
    const location = await database.db
      .selectFrom('locations')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', locationId)
      .executeTakeFirstOrThrow();
    let peakRss = process.memoryUsage.rss();
    let peakHeap = process.memoryUsage().heapUsed;
    const sample = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      if (mode === 'timed') peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 5);
    const started = performance.now();
    const scope = { orgId, location, runOn: DAY, settings: SETTINGS[partner] };
    const base = EXTRACTS[partner] as Extract;
    let extract = base;
    if (mode === 'live') {
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as () => void;
      peakHeap = 0;
      extract = {
        ...base,
        async *pages(db, s, size) {
          for await (const page of base.pages(db, s, size)) {
            gc();
            peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
            yield page;
          }
        },
      };
    }
    const file = await buildExtractFile(database.db, extract, scope as never, join(dir, `${partner}.csv`));
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sample);
    return { rows: file.rows, seconds, peakRssMb: peakRss / MB, peakHeapMb: peakHeap / MB };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await database.close();
  }
}

if (import.meta.main) {
  const [url, orgId, locationId, partner, mode] = process.argv.slice(2);
  const m = await measureHere(
    url!,
    Number(orgId),
    Number(locationId),
    partner as 'carfax' | 'customerlink',
    mode as Mode,
  );
  process.stdout.write(JSON.stringify(m));
}

export const exportsCase: BenchCase = {
  name: 'exports',
  async run(options: BenchOptions): Promise<BenchLine[]> {
    if (!options.postgresUrl) {
      return [
        {
          name: 'exports',
          measured: 'skipped: needs PostgreSQL (DATABASE_URL)',
          value: NaN,
          goal: '-',
          ok: true,
        },
      ];
    }
    const n = Math.max(options.vehicles, MIN_ROWS);
    const name = `relance_bench_exports_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(options.postgresUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString(), poolSize: 2 });
    try {
      await migrate(database.pool);
      const orgId = await createOrganization(database.db, 'Bench exports');
      const location = await createLocation(database.db, orgId, {
        code: 'BENCH',
        name: 'Bench Garage',
        business_phone: '514-555-0100',
        address_line1: '1 Bench St',
        city: 'Montréal',
        region: 'QC',
        postal_code: 'H2X 1Y4',
      });
      const results: Record<'carfax' | 'customerlink', Measure[]> = { carfax: [], customerlink: [] };
      for (const [from, to] of [
        [0, n],
        [n, 2 * n],
      ] as const) {
        let t = performance.now();
        await fill(database.db, location, from, to);
        options.log(
          `  filled ${to.toLocaleString('en')} customers/vehicles/repair orders in ${((performance.now() - t) / 1000).toFixed(1)} s`,
        );
        for (const partner of ['carfax', 'customerlink'] as const) {
          t = performance.now();
          const m = await measure(url.toString(), location, partner, 'timed');
          const live = await measure(url.toString(), location, partner, 'live');
          results[partner].push({ ...m, liveHeapMb: live.peakHeapMb });
          options.log(
            `  ${partner} at ${m.rows.toLocaleString('en')} rows: ${m.seconds.toFixed(2)} s, ${Math.round(m.rows / m.seconds).toLocaleString('en')} rows/s, peak RSS ${m.peakRssMb.toFixed(0)} MB, peak heap ${m.peakHeapMb.toFixed(0)} MB, live heap ${live.peakHeapMb.toFixed(1)} MB`,
          );
        }
      }
      return (['carfax', 'customerlink'] as const).flatMap((partner): BenchLine[] => {
        const [a, b] = results[partner] as [
          Measure & { liveHeapMb: number },
          Measure & { liveHeapMb: number },
        ];
        const rate = b.rows / b.seconds;
        const rssRatio = b.peakRssMb / a.peakRssMb;
        const heapRatio = b.peakHeapMb / a.peakHeapMb;
        // Live heap after a full GC at every page: what the export keeps, which RSS (the
        // allocator's high-water mark) hardly shows.
        const liveRatio = b.liveHeapMb / a.liveHeapMb;
        return [
          {
            name: `export ${partner} rows/s`,
            measured: `${b.rows.toLocaleString('en')} rows in ${b.seconds.toFixed(2)} s (${a.rows.toLocaleString('en')} in ${a.seconds.toFixed(2)} s)`,
            value: Math.round(rate),
            goal: 'reported',
            ok: b.rows === 2 * a.rows,
            details: {
              rows_n: a.rows,
              rows_2n: b.rows,
              seconds_n: a.seconds,
              seconds_2n: b.seconds,
              rows_per_s_n: Math.round(a.rows / a.seconds),
              rows_per_s_2n: Math.round(rate),
            },
          },
          {
            name: `export ${partner} peak memory 2N/N`,
            measured: `live heap after GC ${a.liveHeapMb.toFixed(1)} → ${b.liveHeapMb.toFixed(1)} MB (RSS ${a.peakRssMb.toFixed(0)} → ${b.peakRssMb.toFixed(0)} MB, heap ${a.peakHeapMb.toFixed(0)} → ${b.peakHeapMb.toFixed(0)} MB)`,
            value: liveRatio,
            goal: 'live heap ≤ 1.2x',
            ok: liveRatio <= 1.2,
            details: {
              peak_rss_mb_n: a.peakRssMb,
              peak_rss_mb_2n: b.peakRssMb,
              peak_heap_mb_n: a.peakHeapMb,
              peak_heap_mb_2n: b.peakHeapMb,
              heap_ratio: heapRatio,
              rss_ratio: rssRatio,
              live_heap_mb_n: a.liveHeapMb,
              live_heap_mb_2n: b.liveHeapMb,
            },
          },
        ];
      });
    } finally {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  },
};
