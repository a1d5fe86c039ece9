// /health while hostile template previews run (issue 12, item 1): the HTTP service in its own
// process; two clients post, one after the other without pause, a template that keeps MJML and
// the text pass busy for minutes (`<a href="` x 2,222, under the size limit). The compile runs on
// a pool thread with a time limit, so each answers 422; meanwhile /health is asked at a fixed
// 100 requests/s, open loop (bench/fixed-rate.ts). Goal: /health p99 < 50 ms, and every preview refused with 422.
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import type { BenchCase, BenchLine, BenchOptions } from '../case.ts';
import { fixedRateInProcess } from '../fixed-rate-process.ts';
import { openDatabase } from '../../src/db/database.ts';
import { hashPassword } from '../../src/security/passwords.ts';
import { seed, startServer } from './api-latency.ts';

const RATE = 100;
const SECONDS = 15;
const HOSTILE = '<a href="'.repeat(2_222) + 'x';

export const hostilePreviewCase: BenchCase = {
  name: 'hostile preview',
  async run(options: BenchOptions): Promise<BenchLine[]> {
    if (!options.postgresUrl)
      return [
        {
          name: 'health p99 during hostile previews',
          measured: 'skipped: needs PostgreSQL (DATABASE_URL)',
          value: NaN,
          goal: 'p99 < 50 ms',
          ok: true,
        },
      ];
    const name = `relance_bench_hostile_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(options.postgresUrl);
    url.pathname = `/${name}`;
    let child: ChildProcess | null = null;
    try {
      const data = await seed(url.toString(), 100);
      const database = await openDatabase({ url: url.toString(), poolSize: 1 });
      const password = 'bench preview password';
      try {
        const location = await database.db
          .selectFrom('locations')
          .select(['id', 'org_id'])
          .executeTakeFirstOrThrow();
        const user = await database.db
          .insertInto('users')
          .values({
            org_id: location.org_id,
            email: 'manager@bench.test',
            name: 'Manager',
            password_hash: await hashPassword(password),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await database.db
          .insertInto('user_roles')
          .values({ org_id: location.org_id, user_id: user.id, location_id: location.id, role: 'manager' })
          .execute();
      } finally {
        await database.close();
      }
      const server = await startServer(url.toString());
      child = server.child;
      const session = await fetch(`${server.base}/api/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'manager@bench.test', password }),
      });
      if (session.status !== 200) throw new Error(`sign-in failed: ${session.status}`);
      const cookie = /relance_session=[^;]+/.exec(session.headers.get('set-cookie') ?? '')![0];
      const { csrf_token } = (await session.json()) as { csrf_token: string };
      const statuses: number[] = [];
      let stop = false;
      const hostileClient = async () => {
        while (!stop) {
          try {
            const res = await fetch(`${server.base}/api/v1/locations/${data.locationId}/templates/preview`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf_token },
              body: JSON.stringify({
                kind: 'THANK_YOU',
                channel: 'email',
                language: 'en',
                subject: 'Hi',
                body: HOSTILE,
              }),
            });
            await res.arrayBuffer();
            statuses.push(res.status);
          } catch {
            statuses.push(0); // no answer at all: counted against the goal
            await new Promise((r) => setTimeout(r, 200));
          }
        }
      };
      const clients = [hostileClient(), hostileClient()];
      await new Promise((r) => setTimeout(r, 500)); // both previews are compiling
      options.log(`  /health at ${RATE}/s for ${SECONDS} s while 2 clients post hostile previews`);
      const r = await fixedRateInProcess({ base: `${server.base}/health`, rate: RATE, seconds: SECONDS });
      stop = true;
      await Promise.all(clients);
      const errors = r.errors;
      const refused = statuses.filter((s) => s === 422).length;
      return [
        {
          name: 'health p99 during hostile previews',
          measured: `p99 ${r.p99} ms (p50 ${r.p50} ms, max ${r.max} ms), ${r.sent} requests, ${errors} errors; ${refused} of ${statuses.length} previews answered 422`,
          value: r.p99,
          goal: 'p99 < 50 ms',
          ok: r.p99 < 50 && errors === 0 && statuses.length > 0 && refused === statuses.length,
          details: {
            p50_ms: r.p50,
            p99_ms: r.p99,
            max_ms: r.max,
            previews: statuses.length,
            refused,
          },
        },
      ];
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
