// Drill 5 (issue 19): many shops, many processes on one PostgreSQL. 200 organizations × 5
// locations (small: 20 × 5), each with customers due a V01 today. For 1, 2 and 3 `relance worker`
// processes on a copy of the same data, the time to decide every location's day (the scaling
// ratio); in the 3-worker run, 2 `relance web` processes answer /ready throughout, the workers send
// the day's mail to the SMTP sink, and one worker is killed with SIGKILL mid-send: the others take
// its work over. Holds when every location's day is decided exactly once in every run, nothing is
// lost at the sink and doubles stay within the killed worker's sends in flight.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import type { Drill } from '../drill.ts';
import { startPrivatePostgres } from '../private-postgres.ts';
import { startDrillSink } from '../smtp-sink.ts';
import { exited, freePort, relance, sleep, waitUntil } from '../processes.ts';
import { freshDatabase } from '../seed.ts';
import type { Database } from '../../src/db/database.ts';
import { createOrganization } from '../../src/tenancy/create-organization.ts';
import { createLocation } from '../../src/tenancy/create-location.ts';

const LOCATIONS_PER_ORG = 5;
const CONCURRENCY = 5;
const TZ = 'America/Toronto';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date());

/** Organizations of 5 locations, each location with `customers` customers due a V01 email today. */
async function seed(database: Database, orgs: number, customers: number): Promise<number> {
  const day = today();
  for (let o = 1; o <= orgs; o++) {
    const orgId = await createOrganization(database.db, `Scale Org ${o}`);
    for (let l = 1; l <= LOCATIONS_PER_ORG; l++)
      await createLocation(database.db, orgId, {
        code: `o${o}l${l}`,
        name: `Garage ${o}-${l}`,
        time_zone: TZ,
        language: 'en',
        run_hour: 0,
        business_name: `Garage ${o}-${l}`,
        business_phone: '514-555-0100',
        business_email: `service${o}-${l}@scale.test`,
        address_line1: '1 Main St',
        city: 'Montréal',
        region: 'QC',
        postal_code: 'H2X 1Y4',
      });
  }
  // Only V01 (after a vehicle is captured), one day after: today's run decides one per customer.
  await sql`UPDATE message_rules SET days = CASE WHEN kind = 'V01' AND channel = 'email' THEN 1 ELSE 0 END`.execute(
    database.db,
  );
  await sql`
    WITH c AS (
      INSERT INTO customers (org_id, location_id, customer_number, mailing_name, email, consent_basis, consent_date)
      SELECT l.org_id, l.id, 'S' || l.id || '-' || g, 'Scale Customer ' || g, 's' || l.id || '-' || g || '@example.test', 'express', DATE '2025-01-01'
        FROM locations l CROSS JOIN generate_series(1, ${customers}) g
      RETURNING org_id, location_id, id)
    INSERT INTO vehicles (org_id, location_id, customer_id, vin, year, make, model, plate, captured_on)
    SELECT org_id, location_id, id, 'SCALE' || lpad(id::text, 12, '0'), 2020, 'Toyota', 'Corolla', 'S' || id, ${day}::date
      FROM c`.execute(database.db);
  // Every location has been caught up to yesterday: exactly today is due.
  await sql`INSERT INTO engine_location_state (org_id, location_id, caught_up_to)
            SELECT org_id, id, ${day}::date - 1 FROM locations
            ON CONFLICT (org_id, location_id) DO UPDATE SET caught_up_to = excluded.caught_up_to`.execute(
    database.db,
  );
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM locations`.execute(database.db);
  return n.rows[0]!.n;
}

async function count(database: Database, query: ReturnType<typeof sql<{ n: number }>>): Promise<number> {
  return (await query.execute(database.db)).rows[0]!.n;
}

const decidedToday = (database: Database) =>
  count(
    database,
    sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM engine_runs WHERE run_on = ${today()}::date AND status = 'done'`,
  );

// A lease long enough that a send slowed by a busy machine is never taken over while still running
// (with 3 s, 120 of 500 were sent twice under load); the killed worker's claims come back after it.
/** Starts a worker and resolves once it has booted (its scheduler starts right after this line). */
function startWorker(env: Parameters<typeof relance>[0], port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = relance(
      env,
      ['worker', '--concurrency', String(CONCURRENCY), '--lease-seconds', '15', '--port', String(port)],
      (line) => {
        if (line.includes('] started:')) resolve(child);
      },
    );
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it started`)));
  });
}

export const scaleOutDrill: Drill = {
  name: 'scale-out: many shops, 2 web and 1-3 workers',
  async run(size, log) {
    const orgs = size === 'full' ? 200 : 20;
    const customers = size === 'full' ? 10 : 5;
    const dataDir = mkdtempSync(join(tmpdir(), 'relance-drill-'));
    const server = startPrivatePostgres(await freePort());
    const sink = await startDrillSink(await freePort());
    const children: ChildProcess[] = [];
    const notes: string[] = [];
    let ok = true;
    let lost = 0;
    let doubled = 0;
    let allowed = 0;
    try {
      const template = await freshDatabase(server.url, 'drill_scale_template');
      const seeded = performance.now();
      const locations = await seed(template.database, orgs, customers);
      await template.database.close();
      log(
        `  seeded ${orgs} organizations, ${locations} locations, ${locations * customers} customers in ${Math.round((performance.now() - seeded) / 1000)} s`,
      );
      const rates: number[] = [];
      for (const workers of [1, 2, 3]) {
        const { url, database } = await freshDatabase(
          server.url,
          `drill_scale_${workers}`,
          'drill_scale_template',
        );
        // Only the 3-worker run mails the sink; the others' copies have the same message ids, so their
        // mail is caught locally (caught_mail) instead of looking like doubles.
        const env = { databaseUrl: url, smtpUrl: workers === 3 ? sink.url : undefined, dataDir };
        const webs: Array<{ port: number; child: ChildProcess }> = [];
        let webFailures = 0;
        let webChecks = 0;
        if (workers === 3)
          for (let i = 0; i < 2; i++) {
            const port = await freePort();
            const child = relance(env, ['web', '--port', String(port)]);
            children.push(child);
            webs.push({ port, child });
          }
        // A starting gate: the catch-up tick reads engine_location_state first, so while the drill
        // holds that table locked every worker boots and waits at it; all are released at once.
        const gate = await database.pool.connect();
        await gate.query('BEGIN');
        await gate.query('LOCK TABLE engine_location_state IN ACCESS EXCLUSIVE MODE');
        const ports = await Promise.all(Array.from({ length: workers }, () => freePort()));
        const procs = await Promise.all(ports.map((p) => startWorker(env, p)));
        children.push(...procs);
        const waiting = await waitUntil(
          async () =>
            (await count(
              database,
              sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks
                                  WHERE NOT granted AND relation = 'engine_location_state'::regclass`,
            )) >= workers,
          120_000,
          50,
        );
        if (!waiting) notes.push(`${workers} worker(s): not all reached the gate`);
        const started = performance.now();
        await gate.query('COMMIT');
        gate.release();
        const allDecided = await waitUntil(
          async () => (await decidedToday(database)) >= locations,
          600_000,
          50,
        );
        const seconds = (performance.now() - started) / 1000;
        const rate = locations / seconds;
        rates.push(rate);
        const decidedRows = await count(
          database,
          sql<{ n: number }>`SELECT count(*)::int AS n FROM engine_runs WHERE run_on = ${today()}::date`,
        );
        const messages = await count(
          database,
          sql<{ n: number }>`SELECT count(*)::int AS n FROM messages WHERE kind = 'V01'`,
        );
        const distinct = await count(
          database,
          sql<{
            n: number;
          }>`SELECT count(DISTINCT (org_id, customer_id, vehicle_id, kind, due_on))::int AS n FROM messages WHERE kind = 'V01'`,
        );
        const expected = locations * customers;
        log(
          `  ${workers} worker(s): ${locations} locations decided in ${seconds.toFixed(1)} s (${rate.toFixed(0)} locations/s); ${messages} messages, ${distinct} distinct, expected ${expected}`,
        );
        if (!allDecided || decidedRows !== locations || messages !== expected || distinct !== expected) {
          ok = false;
          notes.push(
            `${workers} worker(s): decided ${decidedRows}/${locations}, ${messages}/${expected} messages`,
          );
        }
        if (workers === 3) {
          // The web processes answer throughout the sending below.
          await Promise.all(
            webs.map(({ port }) =>
              waitUntil(
                () =>
                  fetch(`http://127.0.0.1:${port}/ready`)
                    .then((r) => r.ok)
                    .catch(() => false),
                60_000,
                200,
              ),
            ),
          );
          const received0 = sink.received();
          const sendStart = performance.now();
          // Kill one worker once a third of the day's mail has arrived; it is not restarted.
          await waitUntil(() => sink.received() - received0 >= expected / 3, 300_000, 5);
          procs[0]!.kill('SIGKILL');
          await exited(procs[0]!);
          const polling = (async () => {
            while (sink.received() - received0 < expected) {
              for (const { port } of webs) {
                webChecks++;
                const okWeb = await fetch(`http://127.0.0.1:${port}/ready`)
                  .then((r) => r.ok)
                  .catch(() => false);
                if (!okWeb) webFailures++;
              }
              await sleep(250);
            }
          })();
          const allSent = await waitUntil(
            async () =>
              (await count(
                database,
                sql<{
                  n: number;
                }>`SELECT count(*)::int AS n FROM messages WHERE kind = 'V01' AND status = 'sent'`,
              )) === expected,
            300_000,
            250,
          );
          await Promise.race([polling, sleep(5_000)]);
          const sendSeconds = (performance.now() - sendStart) / 1000;
          const spread = await sql<{ worker: string; n: number }>`
            SELECT claimed_by AS worker, count(*)::int AS n FROM messages WHERE kind = 'V01' AND status = 'sent'
            GROUP BY claimed_by ORDER BY n DESC`.execute(database.db);
          const ids = [...sink.counts.entries()];
          lost = expected - ids.length;
          doubled = ids.filter(([, n]) => n > 1).length;
          allowed = CONCURRENCY;
          log(
            `  sending: ${expected} emails in ${sendSeconds.toFixed(1)} s (${(expected / sendSeconds).toFixed(0)} msg/s) by ${spread.rows.length} workers (${spread.rows.map((r) => r.n).join(' / ')}), one killed mid-send; lost ${lost}, doubled ${doubled}; web /ready ${webChecks - webFailures}/${webChecks} answered`,
          );
          notes.push(
            `decided ${locations} locations/run: ${rates.map((r, i) => `${i + 1} worker${i ? 's' : ''} ${r.toFixed(0)}/s`).join(', ')} (3 vs 1: ${(rates[2]! / rates[0]!).toFixed(2)}x)`,
            `sent ${expected} in ${sendSeconds.toFixed(1)} s = ${(expected / sendSeconds).toFixed(0)} msg/s by ${spread.rows.length} workers, 1 killed; web /ready ${webChecks - webFailures}/${webChecks}`,
          );
          if (!allSent || lost !== 0 || doubled > allowed || spread.rows.length < 2 || webFailures > 0)
            ok = false;
        }
        for (const c of [...procs, ...webs.map((w) => w.child)]) c.kill('SIGTERM');
        await Promise.all([...procs, ...webs.map((w) => w.child)].map(exited));
        await database.close();
      }
      return {
        name: this.name,
        lost,
        doubled,
        allowedDoubles: allowed,
        notes: `${orgs} orgs × ${LOCATIONS_PER_ORG} locations × ${customers} customers; ${notes.join('; ')}`,
        ok,
      };
    } finally {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await sink.close();
      server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
