// The staff console's speed on the demo data on PostgreSQL (the service in its own process):
// - customer search as you type: every prefix (1 to 8 letters) of 40 demo customers' names, one
//   request at a time as a debounced search box sends them, GET /api/v1/customers?q=…; goal
//   p95 < 100 ms;
// - Today and the appointments calendar ready in chromium: the browser's own clock (performance.now(),
//   from the navigation's start) at the first frame where the screen shows its data (Today: the
//   day's counts and lists, no spinner left; Appointments: the page's day view by mechanic drawn
//   with the day's appointments, none on a Sunday, when the shop is closed), signed
//   in, 1 cold load then 5 more; goal < 1 s for each load; on data as the jobs leave it (first
//   predictions, the week's forecast kept), Today after a customer is updated before each load,
//   so each one computes the week's queue again, as through a working day;
// - the coming week's queue as Today asks for it (GET /api/v1/locations/:id/send-queue, the 7 days
//   after today, API token): read as kept (5 calls, median) and computed again after a change of
//   the data it depends on (a customer updated before each of 3 calls, median); reported, no goal.
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import pg from 'pg';
import { chromium } from 'playwright-core';
import type { BenchCase, BenchLine, BenchOptions } from '../case.ts';
import { startServer } from './api-latency.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { loadDemo } from '../../src/demo/load-demo.ts';
import { keepSendQueues } from '../../src/engine/send-queue.ts';
import { hashPassword } from '../../src/security/passwords.ts';
import { hashSecret, newSecret } from '../../src/accounts/tokens.ts';
import { ensureConsoleBuilt } from '../../src/http/console/console-dist.ts';

const SEARCH_P95_GOAL_MS = 100;
const READY_GOAL_MS = 1000;
const LOGIN = { email: 'owner@bench.relance.test', password: 'bench-console-speed' };

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const round = (x: number) => Math.round(x * 10) / 10;

async function seed(url: string, vehicles: number, log: (l: string) => void) {
  const database = await openDatabase({ url, poolSize: 4 });
  try {
    await migrate(database.pool);
    const db = database.db;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(new Date());
    const customers = Math.round(vehicles / 1.43);
    log(`demo: ${customers} customers in one location, today ${today}`);
    const demo = await loadDemo(db, {
      locations: 1,
      customers,
      today,
      orgName: 'Bench console',
      concurrency: 2,
    });
    const locationId = demo.locations[0]!.id;
    await db
      .updateTable('locations')
      .set({ time_zone: 'America/Toronto' })
      .where('org_id', '=', demo.orgId)
      .execute();
    const user = await db
      .insertInto('users')
      .values({
        org_id: demo.orgId,
        email: LOGIN.email,
        name: 'Bench Owner',
        language: 'en',
        password_hash: await hashPassword(LOGIN.password),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('user_roles')
      .values({ org_id: demo.orgId, user_id: user.id, location_id: locationId, role: 'owner' })
      .execute();
    const token = newSecret('rl_');
    await db
      .insertInto('api_tokens')
      .values({ org_id: demo.orgId, name: 'bench', token_hash: hashSecret(token), scopes: ['read'] })
      .execute();
    const names = await db
      .selectFrom('customers')
      .select('mailing_name')
      .where('org_id', '=', demo.orgId)
      .orderBy('id')
      .limit(40)
      .execute();
    // What a running installation's jobs have done by the time staff open the console (the
    // daily-run and maintenance-refresh jobs: the location's first predictions and its week's
    // forecast); the service here runs without jobs.
    await keepSendQueues(db, new Date());
    await sql`VACUUM ANALYZE`.execute(db);
    return { token, locationId, names: names.map((n) => n.mailing_name) };
  } finally {
    await database.close();
  }
}

async function searchAsYouType(base: string, token: string, locationId: number, names: string[]) {
  const prefixes = names.flatMap((n) => {
    const word = n.replace(/[^\p{L}]/gu, ' ').trim();
    return Array.from({ length: Math.min(8, word.length) }, (_, i) => word.slice(0, i + 1));
  });
  const one = async (q: string) => {
    const t = performance.now();
    const res = await fetch(
      `${base}/api/v1/customers?location_id=${locationId}&limit=25&q=${encodeURIComponent(q)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`search ${q}: ${res.status}`);
    return performance.now() - t;
  };
  for (const q of prefixes.slice(0, 20)) await one(q); // warm-up
  const times: number[] = [];
  for (const q of prefixes) times.push(await one(q));
  return { n: times.length, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
}

interface Probe {
  __readyAt?: number;
  __fullAt?: number;
}

/**
 * Installed in every page: records the browser's clock at the first frame the screen shows its
 * data (__readyAt: Today's counts and the day's messages; the calendar drawn once its appointments
 * and mechanics have come: `aria-busy` false; waiting for an appointment hung on Sundays) and at
 * the first frame with no spinner left anywhere (__fullAt: on Today, the coming week's queue too).
 */
const READY_PROBE = `
  (() => {
    const shown = () => {
      if (!document.querySelector('main h2')) return false;
      if (location.pathname.endsWith('/today'))
        return !!document.querySelector('[data-testid="count-sent"]') &&
          !!document.querySelector('main table, main [data-testid="empty-state"]');
      if (location.pathname.endsWith('/appointments')) {
        const calendar = document.querySelector('[data-testid="calendar"]');
        return !!calendar && calendar.getAttribute('aria-busy') === 'false' &&
          !!calendar.querySelector('.rbc-time-view');
      }
      return true;
    };
    const tick = () => {
      if (window.__readyAt === undefined && shown()) window.__readyAt = performance.now();
      if (window.__readyAt !== undefined && window.__fullAt === undefined && !document.querySelector('[aria-busy="true"]'))
        window.__fullAt = performance.now();
      if (window.__fullAt === undefined) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })();`;

/** The send-queue call's time as kept (nothing changed since) and computed again after a change. */
async function sendQueueCall(base: string, token: string, locationId: number, dbUrl: string) {
  const from = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(
    new Date(Date.now() + 86_400_000),
  );
  const one = async () => {
    const t = performance.now();
    const res = await fetch(`${base}/api/v1/locations/${locationId}/send-queue?from=${from}&days=7`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`send-queue: ${res.status}`);
    return performance.now() - t;
  };
  await one(); // computed if nothing is kept yet
  const kept: number[] = [];
  for (let i = 0; i < 5; i++) kept.push(await one());
  const computed: number[] = [];
  for (let i = 0; i < 3; i++) {
    await changeCustomer(dbUrl, locationId);
    computed.push(await one());
  }
  return {
    kept: percentile(kept, 50),
    computed: percentile(computed, 50),
    keptAll: kept,
    computedAll: computed,
  };
}

/** Marks a customer updated: the kept forecast of the week is stale, the next read computes it. */
async function changeCustomer(dbUrl: string, locationId: number): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query(
      'UPDATE customers SET updated_at = now() WHERE id = (SELECT min(id) FROM customers WHERE location_id = $1)',
      [locationId],
    );
  } finally {
    await client.end();
  }
}

async function readyTimes(base: string, path: string, loads: number, beforeLoad?: () => Promise<void>) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-CA' });
    const page = await context.newPage();
    await page.goto(`${base}/console/today`);
    await page.waitForURL(/\/console\/sign-in/);
    await page.locator('input[type=email]').fill(LOGIN.email);
    await page.locator('input[type=password]').fill(LOGIN.password);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/console\/today/);
    await context.addInitScript(READY_PROBE);
    const times: number[] = [];
    const full: number[] = [];
    let slowest = '';
    for (let i = 0; i < loads; i++) {
      await beforeLoad?.();
      const fresh = await context.newPage();
      await fresh.goto(`${base}/console${path}`);
      await fresh.waitForFunction(() => (globalThis as unknown as Probe).__fullAt !== undefined, undefined, {
        timeout: 60_000,
      });
      const probe = await fresh.evaluate(() => {
        const p = globalThis as unknown as Probe;
        return { ready: p.__readyAt!, full: p.__fullAt! };
      });
      times.push(probe.ready);
      full.push(probe.full);
      // The browser's resource timing of the screen's API calls: which one the screen waited for.
      const calls = await fresh.evaluate(() =>
        (
          globalThis as unknown as {
            performance: { getEntriesByType(t: string): Array<{ name: string; duration: number }> };
          }
        ).performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes('/api/v1/'))
          .map((e) => ({ name: e.name.replace(/^.*\/api\/v1/, '').replace(/\?.*$/, ''), ms: e.duration })),
      );
      const top = calls.sort((a, b) => b.ms - a.ms)[0];
      if (top) slowest = `${top.name} ${Math.round(top.ms)} ms`;
      await fresh.close();
    }
    return { times, full, slowest };
  } finally {
    await browser.close();
  }
}

export const consoleSpeedCase: BenchCase = {
  name: 'console speed',
  async run(options: BenchOptions): Promise<BenchLine[]> {
    if (!options.postgresUrl)
      return [
        {
          name: 'console speed',
          measured: 'skipped: needs PostgreSQL (DATABASE_URL)',
          value: NaN,
          goal: `search p95 < ${SEARCH_P95_GOAL_MS} ms`,
          ok: true,
        },
      ];
    await ensureConsoleBuilt(options.log);
    const name = `relance_bench_console_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(options.postgresUrl);
    url.pathname = `/${name}`;
    let child: ChildProcess | null = null;
    try {
      const data = await seed(url.toString(), options.vehicles, options.log);
      const server = await startServer(url.toString());
      child = server.child;
      options.log('search as you type');
      const search = await searchAsYouType(server.base, data.token, data.locationId, data.names);
      const lines: BenchLine[] = [
        {
          name: 'customer search as you type',
          measured: `p95 ${round(search.p95)} ms (p50 ${round(search.p50)}, max ${round(search.max)}) over ${search.n} typed prefixes`,
          value: round(search.p95),
          goal: `p95 < ${SEARCH_P95_GOAL_MS} ms`,
          ok: search.p95 < SEARCH_P95_GOAL_MS,
          details: {
            p50_ms: round(search.p50),
            p95_ms: round(search.p95),
            max_ms: round(search.max),
            n: search.n,
          },
        },
      ];
      const readyLine = (label: string, times: number[], slowest: string): BenchLine => {
        const worst = Math.max(...times);
        return {
          name: `console ${label} ready (chromium)`,
          measured: `first load ${Math.round(times[0]!)} ms, then median ${Math.round(percentile(times.slice(1), 50))} ms, worst ${Math.round(worst)} ms (performance.now() at the first frame with the data)`,
          value: Math.round(worst),
          goal: `< ${READY_GOAL_MS} ms`,
          ok: worst < READY_GOAL_MS,
          details: {
            loads_ms: times.map((t) => Math.round(t)).join(' '),
            slowest_api_call_last_load: slowest,
          },
        };
      };
      options.log('Today ready in chromium');
      // Each load after a change (as through a working day, when any message sent or customer
      // edited makes the week's forecast stale): Today waits for it to be computed again.
      const today = await readyTimes(server.base, '/today', 6, () =>
        changeCustomer(url.toString(), data.locationId),
      );
      lines.push(readyLine('Today (the day’s counts and messages)', today.times, today.slowest));
      lines.push(
        readyLine(
          'Today with the coming week’s queue (computed again after a change)',
          today.full,
          today.slowest,
        ),
      );
      options.log('the send-queue call, kept and computed');
      const queue = await sendQueueCall(server.base, data.token, data.locationId, url.toString());
      lines.push({
        name: 'send-queue API call (the coming week)',
        measured: `kept: median ${round(queue.kept)} ms; computed after a change: median ${round(queue.computed)} ms`,
        value: round(queue.kept),
        goal: 'reported',
        ok: true,
        details: {
          kept_ms: queue.keptAll.map(round).join(' '),
          computed_ms: queue.computedAll.map(round).join(' '),
        },
      });
      options.log('the appointments calendar ready in chromium');
      const calendar = await readyTimes(server.base, '/appointments', 6);
      lines.push(
        readyLine('the appointments calendar (the day by mechanic)', calendar.times, calendar.slowest),
      );
      return lines;
    } finally {
      if (child && child.exitCode === null) {
        const exited = new Promise((r) => child!.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  },
};
