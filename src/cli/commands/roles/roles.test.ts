// The process roles as an operator runs them: `relance web` (HTTP only) and `relance worker` (the
// jobs) as separate processes on one PostgreSQL, each with /health, /ready and /metrics, each
// draining on SIGTERM. PostgreSQL only: two processes cannot share one embedded database.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { makeShop } from '../../../../test/helpers/factories.ts';
import { startSmtpSink, type SmtpSink } from '../../../../test/helpers/delivery.ts';

let t: TestDatabase;
let sink: SmtpSink;
const dataDir = mkdtempSync(join(tmpdir(), 'relance-roles-'));
const METRICS_TOKEN = 'metrics-token-for-the-roles-test';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function start(args: string[], env: Record<string, string> = {}): { child: ChildProcess; log: string[] } {
  const log: string[] = [];
  const child = spawn('node_modules/.bin/node', ['src/cli/main.ts', ...args], {
    env: {
      ...process.env,
      DATABASE_URL: t.url!,
      SMTP_URL: sink.url,
      SECRET_KEY: 'ef'.repeat(32),
      DEMO_DATA: 'off',
      RELANCE_DATA_DIR: dataDir,
      PUBLIC_URL: 'http://relance.test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const s of [child.stdout!, child.stderr!]) s.on('data', (d: Buffer) => log.push(d.toString()));
  return { child, log };
}

async function waitFor(cond: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

describe.skipIf(!process.env.DATABASE_URL)('process roles (PostgreSQL)', () => {
  beforeAll(async () => {
    t = await createTestDatabase();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('relance web serves the API and the operations endpoints, runs no job, and drains on SIGTERM', async () => {
    const port = await freePort();
    const { child, log } = start(['web', '--port', String(port)], { METRICS_TOKEN });
    const base = `http://127.0.0.1:${port}`;
    try {
      expect(await waitFor(async () => (await fetch(`${base}/ready`)).ok, 30_000), log.join('')).toBe(true);
      expect(await (await fetch(`${base}/health`)).json()).toEqual({ ok: true, role: 'web' });
      expect(await (await fetch(`${base}/ready`)).json()).toEqual({ ready: true, role: 'web' });
      expect((await fetch(`${base}/api/v1/me`)).status).toBe(401);
      expect((await fetch(`${base}/metrics`)).status).toBe(403);
      const metrics = await fetch(`${base}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('relance_queue_depth');
      expect(text).toContain('relance_process_cpu_seconds_total');
      // No job ran in the web role: no engine run for any location.
      const runs = await sql<{ n: string }>`SELECT count(*) AS n FROM engine_runs`.execute(t.db);
      expect(Number(runs.rows[0]!.n)).toBe(0);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
  });

  it('relance worker sends, counts what it sent in /metrics, and exits cleanly on SIGTERM with nothing held', async () => {
    const shop = await makeShop(t.db);
    await sql`
      WITH c AS (
        INSERT INTO customers (org_id, location_id, customer_number, mailing_name, email, consent_basis)
        SELECT ${shop.orgId}, ${shop.locationId}, 'R' || g, 'Role Test ' || g, 'role' || g || '@example.test', 'express'
          FROM generate_series(1, 30) g
        RETURNING id, customer_number)
      INSERT INTO messages (org_id, location_id, kind, channel, customer_id, due_on, dedupe_key, payload, next_attempt_at)
      SELECT ${shop.orgId}, ${shop.locationId}, 'THANK_YOU', 'email', c.id, '2026-03-02', 'role-' || c.customer_number, '{}', now() - interval '1 minute'
        FROM c`.execute(t.db);
    const port = await freePort();
    const { child, log } = start(['worker', '--port', String(port), '--no-postcards']);
    const base = `http://127.0.0.1:${port}`;
    const sentCount = async () =>
      Number(
        (
          await sql<{
            n: string;
          }>`SELECT count(*) AS n FROM messages WHERE org_id = ${shop.orgId} AND status = 'sent'`.execute(
            t.db,
          )
        ).rows[0]!.n,
      );
    try {
      expect(await waitFor(async () => (await sentCount()) === 30, 60_000), log.join('')).toBe(true);
      expect(await (await fetch(`${base}/health`)).json()).toEqual({ ok: true, role: 'worker' });
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toMatch(
        /relance_messages_delivered_total\{kind="THANK_YOU",channel="email",outcome="sent"\} 30/,
      );
      expect(text).toMatch(/relance_send_duration_seconds_count\{channel="email"\} 30/);
      // The worker role runs the other jobs too: the daily run has decided the shop's days.
      expect(
        await waitFor(async () => {
          const r = await sql<{
            n: string;
          }>`SELECT count(*) AS n FROM engine_runs WHERE org_id = ${shop.orgId}`.execute(t.db);
          return Number(r.rows[0]!.n) > 0;
        }, 30_000),
      ).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited(child)).toBe(0);
    const held = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM messages WHERE status = 'sending'`.execute(t.db);
    expect(Number(held.rows[0]!.n)).toBe(0);
    expect(sink.received.length).toBe(30);
  });
});
