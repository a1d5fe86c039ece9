// API latency at a fixed rate: the HTTP service (its own process, loopback) on a throw-away
// PostgreSQL database with demo-sized data; 500 requests/s, open loop (bench/fixed-rate.ts, in a
// process of its own: fixed-rate-process.ts), for
// 10 s to a customer-card read and to an appointment list (API token auth), each after 5 s of
// warm-up at the same rate. Goal: p99 < 50 ms and
// 0 errors (non-2xx, timeouts, socket errors) at that rate.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { BenchCase, BenchLine, BenchOptions } from '../case.ts';
import type { FixedRateResult } from '../fixed-rate.ts';
import { fixedRateInProcess } from '../fixed-rate-process.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createOrganization } from '../../src/tenancy/create-organization.ts';
import { createLocation } from '../../src/tenancy/create-location.ts';
import { hashSecret, newSecret } from '../../src/accounts/tokens.ts';

const RATE = 500;
const P99_GOAL_MS = 50;
const SECONDS = 10;
const WARM_UP_SECONDS = 5;
const root = join(import.meta.dirname, '..', '..');

/** Customers with one vehicle each, 5 mechanics, and an appointment per 5 vehicles over ±30 days. */
export async function seed(url: string, vehicles: number) {
  const database = await openDatabase({ url, poolSize: 2 });
  try {
    await migrate(database.pool);
    const db = database.db;
    const orgId = await createOrganization(db, 'Bench Garage');
    const location = await createLocation(db, orgId, {
      code: 'main',
      name: 'Bench Garage',
      time_zone: 'America/Toronto',
    });
    await sql`
      WITH c AS (
        INSERT INTO customers (org_id, location_id, customer_number, first_name, last_name, mailing_name, email, phone, language)
        SELECT ${orgId}, ${location.id}, 'C' || g, 'First' || g, 'Last' || g, 'First' || g || ' Last' || g, 'c' || g || '@example.test', '514-555-0100', 'fr'
        FROM generate_series(1, ${vehicles}::int) g
        RETURNING org_id, location_id, id
      )
      INSERT INTO vehicles (org_id, location_id, customer_id, vin, year, make, model, plate)
      SELECT org_id, location_id, id, 'V' || lpad(id::text, 16, '0'), 2010 + id % 15, 'Toyota', 'Corolla', 'P' || id FROM c`.execute(
      db,
    );
    await sql`INSERT INTO mechanics (org_id, location_id, name) SELECT ${orgId}, ${location.id}, 'Mechanic ' || g FROM generate_series(1, 5) g`.execute(
      db,
    );
    await sql`
      INSERT INTO appointments (org_id, location_id, customer_id, vehicle_id, mechanic_id, starts_at, ends_at, status)
      SELECT v.org_id, v.location_id, v.customer_id, v.id, m.id,
             timestamptz '2026-11-01 13:00Z' + ((v.id / 5) * interval '1 hour'), timestamptz '2026-11-01 13:45Z' + ((v.id / 5) * interval '1 hour'), 'confirmed'
      FROM vehicles v JOIN LATERAL (SELECT id FROM mechanics WHERE org_id = v.org_id ORDER BY id OFFSET (v.id % 5) LIMIT 1) m ON true
      WHERE v.org_id = ${orgId} AND v.id % 5 = 0`.execute(db);
    const token = newSecret('rl_');
    await db
      .insertInto('api_tokens')
      .values({ org_id: orgId, name: 'bench', token_hash: hashSecret(token), scopes: ['read'] })
      .execute();
    const ids = await db.selectFrom('customers').select('id').where('org_id', '=', orgId).execute();
    return { token, locationId: location.id, customerIds: ids.map((r) => r.id) };
  } finally {
    await database.close();
  }
}

/** The HTTP service alone (no background jobs) in a child process; resolves with its base URL. */
export function startServer(url: string): Promise<{ base: string; child: ChildProcess }> {
  const script = `
    import { buildApp } from ${JSON.stringify(join(root, 'src/http/app.ts'))};
    import { openDatabase } from ${JSON.stringify(join(root, 'src/db/database.ts'))};
    import { loadConfig } from ${JSON.stringify(join(root, 'src/config/env.ts'))};
    import { deriveKeys } from ${JSON.stringify(join(root, 'src/security/keys.ts'))};
    const config = loadConfig({ ...process.env, DEMO_DATA: 'off' });
    const database = await openDatabase({ url: process.env.DATABASE_URL, poolSize: 10 });
    const ctx = { config, keys: deriveKeys('00'.repeat(32)), database, db: database.db, now: () => new Date() };
    const app = await buildApp(ctx);
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    process.stdout.write('LISTENING ' + base + '\\n');
    process.on('SIGTERM', async () => { await app.close(); await database.close(); process.exit(0); });`;
  const child = spawn(join(root, 'node_modules', '.bin', 'node'), ['--input-type=module', '-e', script], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: url,
      NODE_ENV: 'production',
      SECRET_KEY: '00'.repeat(32),
      ALLOW_HTTP_PUBLIC_URL: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m) resolve({ base: m[1]!, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`API server exited (${code}): ${out.slice(-500)}`)));
  });
}

export const apiLatencyCase: BenchCase = {
  name: 'api-latency',
  async run(options: BenchOptions): Promise<BenchLine[]> {
    if (!options.postgresUrl)
      return [
        {
          name: 'api p99',
          measured: 'skipped: needs PostgreSQL (DATABASE_URL)',
          value: NaN,
          goal: '0 errors',
          ok: true,
        },
      ];
    const name = `relance_bench_api_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(options.postgresUrl);
    url.pathname = `/${name}`;
    let child: ChildProcess | null = null;
    try {
      options.log(`seeding ${options.vehicles} customers/vehicles`);
      const data = await seed(url.toString(), options.vehicles);
      const server = await startServer(url.toString());
      child = server.child;
      const pick = () => data.customerIds[Math.floor(Math.random() * data.customerIds.length)]!;
      const headers = { authorization: `Bearer ${data.token}` };
      // The paths are drawn beforehand: the load generator runs in a process of its own.
      const paths = (f: () => string) => Array.from({ length: RATE * SECONDS }, f);
      const listPath = () => {
        const day = 1 + Math.floor(Math.random() * 28);
        const from = `2026-11-${String(day).padStart(2, '0')}T00:00:00Z`;
        return `/api/v1/appointments?location_id=${data.locationId}&from=${from}&to=${encodeURIComponent(new Date(Date.parse(from) + 7 * 86400_000).toISOString())}&limit=50`;
      };
      // Each endpoint is warmed up at the rate before it is measured (not counted): its code
      // compiled (V8 compiles hot code on background threads, which on 2 cores take CPU from the
      // requests), the heap's young generation grown to the allocation rate, the pool connected.
      // The first 10 s after a 3 s warm-up of the list showed a server-side p99 of 17 ms, the
      // next ones 6-7 ms (docs/api.md); the goal is the steady state of a running service.
      const measure = async (what: string, path: () => string) => {
        const job = { base: server.base, rate: RATE, headers, paths: paths(path) };
        await fixedRateInProcess({ ...job, seconds: WARM_UP_SECONDS });
        options.log(`${what} at ${RATE}/s for ${SECONDS}s`);
        return fixedRateInProcess({ ...job, seconds: SECONDS });
      };
      const card = await measure('customer card', () => `/api/v1/customers/${pick()}`);
      const list = await measure('appointment list', listPath);
      const line = (what: string, r: FixedRateResult): BenchLine => ({
        name: `api p99 ${what}`,
        measured: `p99 ${r.p99} ms (p50 ${r.p50} ms, max ${r.max} ms), ${r.sent} requests at ${Math.round(r.rps)}/s, ${r.errors} errors; load generator's event-loop delay p99 ${r.loopP99} ms, max ${r.loopMax} ms`,
        value: r.p99,
        goal: `p99 < ${P99_GOAL_MS} ms, 0 errors at ${RATE}/s`,
        ok: r.errors === 0 && r.rps >= RATE * 0.9 && r.p99 < P99_GOAL_MS,
        details: { p50_ms: r.p50, p99_ms: r.p99, requests: r.sent, errors: r.errors, rate: RATE },
      });
      return [line('customer card', card), line('appointment list', list)];
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
