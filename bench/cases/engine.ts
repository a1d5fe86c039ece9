// The daily decision run vs one plain sequential scan of repair_orders, side by side on the same
// database (goal: run ≤ 3x scan). The database is the demo organization at the bench size
// (vehicles ≈ 1.43 per customer, ≈ 7.6 repair orders per vehicle), on a throw-away PostgreSQL
// database (or PGlite without one). The first run of a location predicts maintenance for all its
// vehicles, a one-time cost reported apart. Then, for each following day, the previous day's visits
// arrive (as many closed repair orders as the data has per day over its last year, with lines and
// odometer readings, so the run has vehicles to re-predict), and a scan and the day's run are timed
// side by side; the ratio is the median of the days (load on a shared machine changes between seconds,
// not within a pair). The goal is set at 1M vehicles; smaller sizes report the ratio, which fixed
// costs (temp tables, planning) dominate when the table is small.
// RELANCE_BENCH_KEEP=1 keeps the filled PostgreSQL database and reuses it next time (1M takes minutes).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../src/config/env.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { refreshIdleLocations } from '../../src/engine/maintenance/refresh-idle.ts';
import { runDay } from '../../src/engine/run-day.ts';
import { execSql } from '../../src/engine/sql/exec.ts';
import type { BenchCase, BenchLine, BenchOptions } from '../case.ts';

const PAIRS = 5;
const VEHICLES_PER_CUSTOMER = 1.43;

export const engineCase: BenchCase = {
  name: 'daily run',
  async run(options: BenchOptions): Promise<BenchLine[]> {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
    const { database, label, filledNow, close } = await engineDatabase(options, today);
    try {
      const counts = await tableCounts(database);
      options.log(
        `  ${label}: ${counts.locations} locations, ${counts.vehicles.toLocaleString('en')} vehicles, ${counts.repairOrders.toLocaleString('en')} repair orders${filledNow ? '' : ' (reused)'}`,
      );
      const dataDay = counts.today ?? today;
      // As the service does (ENGINE_SHARDS, default 2): groups of locations decided at once on
      // PostgreSQL, as the scan it is compared with runs on parallel workers.
      const shards = database.backend === 'postgres' ? loadConfig().ENGINE_SHARDS : 1;
      // The demo's histories end on dataDay. The first run (every location's first: maintenance
      // predicted for every vehicle) decides the day after; then each timed day D gets the visits
      // closed on D - 1 first, as a shop system would have sent them by the run hour.
      let t = performance.now();
      const firstDay = addDays(dataDay, 1);
      const first = await runDay(database.db, firstDay, { now: new Date(`${firstDay}T23:00:00Z`), shards });
      const firstSeconds = (performance.now() - t) / 1000;
      options.log(
        `  first run (maintenance predicted for all vehicles): ${firstSeconds.toFixed(2)} s, ${first.inserted} messages`,
      );
      // A day passes between runs: autovacuum clears what the first run left (a million removed
      // marks in maintenance_dirty, a million new prediction rows).
      await execSql(database.db, 'VACUUM (ANALYZE)');
      await scan(database);

      const pairs: Array<{
        run: number;
        scan: number;
        inserted: number;
        refresh: number;
        refreshed: number;
      }> = [];
      for (let i = 0; i < PAIRS; i++) {
        const day = addDays(firstDay, i + 1);
        const timed = async <T>(f: () => Promise<T>) => {
          const t0 = performance.now();
          const value = await f();
          return { value, seconds: (performance.now() - t0) / 1000 };
        };
        const visits = await addDayVisits(
          database,
          addDays(day, -1),
          counts.visitsPerDay,
          counts.vehicles,
          counts.maintenanceShare,
        );
        // During the day the maintenance-refresh job re-predicts the vehicles those visits changed
        // (timed apart); the run then recomputes whatever is still marked.
        const job = await timed(() => refreshIdleLocations(database.db));
        // Alternate which goes first.
        const s1 = i % 2 === 0 ? await timed(() => scan(database)) : undefined;
        const r = await timed(() => runDay(database.db, day, { now: new Date(`${day}T23:00:00Z`), shards }));
        const s = s1 ?? (await timed(() => scan(database)));
        pairs.push({
          run: r.seconds,
          scan: s.seconds,
          inserted: r.value.inserted,
          refresh: job.seconds,
          refreshed: job.value.vehicles,
        });
        await execSql(database.db, 'VACUUM (ANALYZE) maintenance_dirty');
        options.log(
          `  day ${day} (${visits} visits the day before, re-predicted by the job in ${job.seconds.toFixed(3)} s): run ${r.seconds.toFixed(3)} s (${r.value.inserted} messages), scan ${s.seconds.toFixed(3)} s (${s.value.toLocaleString('en')} rows), ratio ${(r.seconds / s.seconds).toFixed(2)}`,
        );
      }
      // The last day again: nothing added.
      const lastDay = addDays(firstDay, PAIRS);
      t = performance.now();
      const again = await runDay(database.db, lastDay, { now: new Date(`${lastDay}T23:00:00Z`), shards });
      const againSeconds = (performance.now() - t) / 1000;
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const ratio = median(pairs.map((p) => p.run / p.scan));
      // Each size its bound: at small sizes the run's fixed costs (one statement per rule and
      // location) dominate a scan of a few thousand rows. small and 1m are measured (17.3x and
      // 2.7x on the 2-core machine); medium and large are set between them.
      const bound = ({ small: 25, medium: 8, large: 4, '1m': 3 } as const)[options.size];
      const run = median(pairs.map((p) => p.run));
      const scanSeconds = median(pairs.map((p) => p.scan));
      return [
        {
          name: 'daily run vs seq scan of repair orders',
          measured: `run ${run.toFixed(3)} s vs scan ${scanSeconds.toFixed(3)} s, median of ${PAIRS} days (${counts.vehicles.toLocaleString('en')} vehicles, ${counts.repairOrders.toLocaleString('en')} ROs, ${label})`,
          value: ratio,
          goal: `≤ ${bound}x at --size ${options.size}`,
          ok: ratio <= bound && again.inserted === 0,
          details: {
            database: label,
            locations: counts.locations,
            vehicles: counts.vehicles,
            repair_orders: counts.repairOrders,
            shards,
            run_s: +run.toFixed(4),
            scan_s: +scanSeconds.toFixed(4),
            first_run_s: +firstSeconds.toFixed(3),
            visits_per_day: counts.visitsPerDay,
            messages_per_day: median(pairs.map((p) => p.inserted)),
            rerun_inserted: again.inserted,
            rerun_s: +againSeconds.toFixed(3),
          },
        },
        {
          name: 'maintenance refresh job, a day of visits',
          measured: `${median(pairs.map((p) => p.refreshed)).toLocaleString('en')} vehicles re-predicted in ${median(pairs.map((p) => p.refresh)).toFixed(3)} s (background job through the day, not in the run)`,
          value: median(pairs.map((p) => p.refresh)),
          goal: 'reported',
          ok: true,
        },
        {
          name: 'daily run + refresh job vs seq scan',
          measured: `run ${run.toFixed(3)} s + the day's maintenance refresh ${median(pairs.map((p) => p.refresh)).toFixed(3)} s vs scan ${scanSeconds.toFixed(3)} s, median of ${PAIRS} days (the refresh runs in the background, counted here all the same)`,
          value: median(pairs.map((p) => (p.run + p.refresh) / p.scan)),
          goal: 'reported',
          ok: true,
        },
        {
          name: 'daily run, first run of a location',
          measured: `${firstSeconds.toFixed(2)} s: maintenance predicted for ${counts.vehicles.toLocaleString('en')} vehicles, then the day decided`,
          value: firstSeconds,
          goal: 'reported',
          ok: true,
        },
      ];
    } finally {
      await close();
    }
  },
};

/** count(*) of repair_orders, forced to a sequential scan (what PostgreSQL calls a plain scan of the table). */
export async function scan(database: Database): Promise<number> {
  return database.db.transaction().execute(async (trx) => {
    await execSql(trx, 'SET LOCAL enable_indexscan = off');
    await execSql(trx, 'SET LOCAL enable_indexonlyscan = off');
    await execSql(trx, 'SET LOCAL enable_bitmapscan = off');
    const { rows } = await execSql<{ n: number }>(trx, 'SELECT count(*)::int AS n FROM repair_orders');
    return rows[0]!.n;
  });
}

async function tableCounts(database: Database) {
  const { rows } = await execSql<{
    locations: number;
    vehicles: number;
    repair_orders: number;
    today: string | null;
    last_year: number;
    maintenance_share: number;
  }>(
    database.db,
    `WITH last AS (SELECT max(closed_on) AS d FROM repair_orders WHERE closed_on <= current_date)
     SELECT (SELECT count(*)::int FROM locations) AS locations, (SELECT count(*)::int FROM vehicles) AS vehicles,
            (SELECT count(*)::int FROM repair_orders) AS repair_orders, (SELECT to_char(d, 'YYYY-MM-DD') FROM last) AS today,
            (SELECT count(*)::int FROM repair_orders, last WHERE closed_on > last.d - 365 AND closed_on <= last.d) AS last_year,
            (SELECT coalesce(avg(is_maintenance::int), 0)::float8 FROM repair_orders, last WHERE closed_on > last.d - 365 AND closed_on <= last.d) AS maintenance_share`,
  );
  const r = rows[0]!;
  return {
    locations: r.locations,
    vehicles: r.vehicles,
    repairOrders: r.repair_orders,
    today: r.today,
    visitsPerDay: Math.max(1, Math.round(r.last_year / 365)),
    maintenanceShare: r.maintenance_share,
  };
}

/**
 * A day's visits arrive: n closed repair orders (a package line, an odometer a little above the
 * vehicle's last; maintenance visits in the data's share) on random vehicles, with their odometer readings. The triggers mark
 * the vehicles for re-prediction and move last_visit_on, as the API and the import would.
 */
async function addDayVisits(
  database: Database,
  day: string,
  n: number,
  vehicles: number,
  maintenanceShare: number,
): Promise<number> {
  const percent = Math.min(100, (300 * n) / Math.max(1, vehicles));
  const { affected } = await execSql(
    database.db,
    `WITH pick AS (
       SELECT v.org_id, v.location_id, v.customer_id, v.id,
              coalesce((SELECT max(r.value) FROM odometer_readings r WHERE r.org_id = v.org_id AND r.vehicle_id = v.id), 0) + 500 AS odo
       FROM vehicles v TABLESAMPLE BERNOULLI ($3) ORDER BY random() LIMIT $2),
     ro AS (
       INSERT INTO repair_orders (org_id, location_id, ro_number, customer_id, vehicle_id, opened_on, closed_on, status, odometer, is_maintenance, total_amount)
       SELECT org_id, location_id, 'BENCH-' || $1 || '-' || id, customer_id, id, $1::date, $1::date, 'closed', odo, random() < $4, 189.90 FROM pick
       ON CONFLICT DO NOTHING RETURNING org_id, id),
     lines AS (
       INSERT INTO repair_order_lines (org_id, repair_order_id, line_no, kind, description, amount)
       SELECT org_id, id, 1, 'package', 'Oil change and filter', 89.90 FROM ro)
     INSERT INTO odometer_readings (org_id, vehicle_id, read_on, value)
     SELECT org_id, id, $1::date, odo FROM pick ON CONFLICT DO NOTHING`,
    [day, n, percent, maintenanceShare],
  );
  return affected;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

interface EngineDatabase {
  database: Database;
  label: string;
  filledNow: boolean;
  close(): Promise<void>;
}

async function fillDemo(database: Database, options: BenchOptions, today: string): Promise<void> {
  const customers = Math.round(options.vehicles / VEHICLES_PER_CUSTOMER);
  const locations = Math.max(1, Math.round(options.vehicles / 100_000));
  const t = performance.now();
  let last = 0;
  await loadDemo(database.db, {
    locations,
    customers,
    today,
    orgName: 'Bench engine',
    concurrency: database.backend === 'postgres' ? 2 : 1,
    onProgress: (done, total) => {
      if (done - last >= total / 10 || done === total) {
        last = done;
        options.log(
          `  demo ${Math.round((100 * done) / total)} % (${done.toLocaleString('en')} customers, ${((performance.now() - t) / 1000).toFixed(0)} s)`,
        );
      }
    },
  });
  // A database in service has been vacuumed by autovacuum (visibility map set, statistics fresh).
  await execSql(database.db, 'VACUUM (ANALYZE)');
  await execSql(database.db, 'CHECKPOINT').catch(() => undefined);
}

export async function engineDatabase(options: BenchOptions, today: string): Promise<EngineDatabase> {
  if (!options.postgresUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database.pool);
    await fillDemo(database, options, today);
    return { database, label: 'PGlite', filledNow: true, close: () => database.close() };
  }
  const keep = process.env.RELANCE_BENCH_KEEP === '1';
  const name = keep
    ? `relance_bench_engine_${options.size}`
    : `relance_bench_engine_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: options.postgresUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  const url = new URL(options.postgresUrl);
  url.pathname = `/${name}`;
  let reuse = false;
  if (exists) {
    // A kept database is reused only if its fill finished (the marker is written last).
    const probe = await openDatabase({ url: url.toString(), poolSize: 1 });
    reuse = await execSql(probe.db, 'SELECT 1 FROM bench_filled').then(
      () => true,
      () => false,
    );
    await probe.close();
    if (!reuse) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
  }
  if (!reuse) await admin.query(`CREATE DATABASE ${name}`);
  const database = await openDatabase({ url: url.toString(), poolSize: 4 });
  if (!reuse) {
    await migrate(database.pool);
    await fillDemo(database, options, today);
    await execSql(database.db, 'CREATE TABLE bench_filled (at timestamptz)');
  } else {
    await migrate(database.pool);
    // Earlier bench runs left decided days; start from the same state each time.
    await execSql(database.db, "DELETE FROM repair_orders WHERE ro_number LIKE 'BENCH-%'");
    await execSql(
      database.db,
      'TRUNCATE messages, engine_runs, engine_location_state, vehicle_maintenance, maintenance_dirty CASCADE',
    );
    await execSql(database.db, 'VACUUM (ANALYZE)');
  }
  return {
    database,
    label: 'PostgreSQL',
    filledNow: !reuse,
    close: async () => {
      await database.close();
      if (!keep) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
