// kill -9 a worker process mid-send, several times, restart it, and count at the SMTP sink by
// Message-ID: nothing lost, and nothing doubled except inside the measured window (SMTP accepted,
// not yet recorded). Needs PostgreSQL: the worker runs as separate processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeShop } from '../../../test/helpers/factories.ts';
import { startSmtpSink, type SmtpSink } from '../../../test/helpers/delivery.ts';

const N = 400;
const KILLS = 3;
let t: TestDatabase;
let sink: SmtpSink;
const dataDir = mkdtempSync(join(tmpdir(), 'relance-kill-'));

describe.skipIf(!process.env.DATABASE_URL)('worker killed with SIGKILL mid-send (PostgreSQL)', () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function startWorker(log: string[]): ChildProcess {
    const child = spawn(
      'node_modules/.bin/node',
      [
        'src/cli/main.ts',
        'worker',
        '--only-send',
        '--concurrency',
        '4',
        '--lease-seconds',
        '2',
        '--no-postcards',
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: t.url!,
          SMTP_URL: sink.url,
          SMTP_POOL_SIZE: '4',
          SECRET_KEY: 'cd'.repeat(32),
          DEMO_DATA: 'off',
          RELANCE_DATA_DIR: dataDir,
          PUBLIC_URL: 'http://relance.test',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    child.stderr!.on('data', (d: Buffer) => log.push(...d.toString().split('\n').filter(Boolean)));
    return child;
  }

  const waitFor = async (cond: () => boolean | Promise<boolean>, ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await cond()) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  };

  it('loses nothing and doubles only inside the window', { timeout: 120_000 }, async () => {
    const shop = await makeShop(t.db);
    await sql`
      WITH c AS (
        INSERT INTO customers (org_id, location_id, customer_number, mailing_name, email, consent_basis)
        SELECT ${shop.orgId}, ${shop.locationId}, 'K' || g, 'Kill Test ' || g, 'kill' || g || '@example.test', 'express'
          FROM generate_series(1, ${N}) g
        RETURNING id, customer_number)
      INSERT INTO messages (org_id, location_id, kind, channel, customer_id, due_on, dedupe_key, payload, next_attempt_at)
      SELECT ${shop.orgId}, ${shop.locationId}, 'THANK_YOU', 'email', c.id, '2026-03-02', 'kill-' || c.customer_number, '{}', now() - interval '1 minute'
        FROM c`.execute(t.db);

    const log: string[] = [];
    let inFlightAtKills = 0;
    for (let k = 0; k < KILLS; k++) {
      const child = startWorker(log);
      const target = Math.floor(((k + 1) * N) / (KILLS + 1));
      expect(await waitFor(() => sink.received.length >= target, 60_000)).toBe(true);
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const sending = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM messages WHERE org_id = ${shop.orgId} AND status = 'sending'`.execute(
        t.db,
      );
      inFlightAtKills += sending.rows[0]!.n;
    }
    // The last worker finishes the job (claiming back what the dead ones held once leases expire).
    const last = startWorker(log);
    const done = await waitFor(async () => {
      const r = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM messages WHERE org_id = ${shop.orgId} AND status <> 'sent'`.execute(
        t.db,
      );
      return r.rows[0]!.n === 0;
    }, 60_000);
    last.kill('SIGTERM');
    await new Promise((r) => last.once('exit', r));
    expect(done).toBe(true);

    const counts = new Map<string, number>();
    for (const m of sink.received) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    const doubled = [...counts.values()].filter((n) => n > 1).length;
    const window = log.filter((l) => l.includes('send window')).pop() ?? '';
    console.log(
      `kill -9 x${KILLS}: ${N} messages, ${counts.size} distinct received, ${doubled} doubled, ${inFlightAtKills} in flight at the kills; last ${window.replace(/^\[worker [^\]]+\] /, '')}`,
    );
    expect(counts.size).toBe(N); // nothing lost
    expect(doubled).toBeLessThanOrEqual(inFlightAtKills); // only messages caught mid-send can double
    expect(doubled).toBeLessThanOrEqual(KILLS * 4); // at most the sends in flight (concurrency) per kill
    const attempts = await sql<{
      max: number;
    }>`SELECT max(attempts)::int AS max FROM messages WHERE org_id = ${shop.orgId}`.execute(t.db);
    expect(attempts.rows[0]!.max).toBeLessThanOrEqual(KILLS + 1);
  });
});
