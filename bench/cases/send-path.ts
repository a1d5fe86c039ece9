// Send path vs raw pooled nodemailer, side by side in one run, to the same local SMTP sink (its
// own process, as a mail server would be) with
// the same message count and pool size. Ours claims from the outbox, checks, renders (MJML
// compiled once, escaped interpolation), sends and records each message; raw only sends
// pre-built messages of the same size. Goal: ours ≥ 0.8x raw.
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import { loadConfig } from '../../src/config/env.ts';
import type { AppContext } from '../../src/context.ts';
import { buildEmail } from '../../src/delivery/email/build-email.ts';
import { createMailer } from '../../src/delivery/email/mailer.ts';
import { renderSample } from '../../src/delivery/templates/preview.ts';
import { runWorker } from '../../src/delivery/worker/run-worker.ts';
import { resetSendWindow, sendWindowStats } from '../../src/delivery/worker/send-window.ts';
import { deriveKeys } from '../../src/security/keys.ts';
import { spawn } from 'node:child_process';
import type { BenchCase, BenchSize } from '../case.ts';
import { benchDatabase, seedMessages } from './delivery-db.ts';
import { cpuMsOfPid, cpuMsOfProcesses } from './proc-cpu.ts';
import { createLogger } from '../../src/config/logger.ts';

// Many short rounds rather than a few long ones: on a shared machine the speed of the whole
// machine changes from one second to the next (raw alone was seen between 520 and 1,050 msg/s in
// one run), so the two sides of a pair must run close together, and the median of many pairs
// leaves the disturbed ones out.
const MESSAGES: Record<BenchSize, number> = { small: 1_000, medium: 2_000, large: 4_000, '1m': 5_000 };
const POOL = 5;
// Our side's sends in flight: the worker's default (4 per pooled connection), or BENCH_SEND_CONCURRENCY
// to compare (raw keeps every message queued on its pool of POOL connections either way).
const CONCURRENCY = Number(process.env.BENCH_SEND_CONCURRENCY) || POOL * 4;
const ROUNDS = 15;
const WARM_UP = 300;

export const sendPathCase: BenchCase = {
  name: 'send path',
  async run({ size, postgresUrl, log }) {
    const n = MESSAGES[size];
    const sink = await startSinkProcess();
    const d = await benchDatabase(postgresUrl);
    try {
      const env = {
        NODE_ENV: 'test',
        SECRET_KEY: 'ef'.repeat(32),
        SMTP_URL: sink.url,
        SMTP_POOL_SIZE: String(POOL),
        DEMO_DATA: 'off',
        PUBLIC_URL: 'http://relance.test',
        // The group-commit linger under test (default: the service's own).
        SEND_GROUP_COMMIT_MS: process.env.SEND_GROUP_COMMIT_MS,
      };
      const ctx: AppContext = {
        config: loadConfig(env),
        keys: deriveKeys('ef'.repeat(32)),
        database: d,
        db: d.db,
        now: () => new Date(),
        log: createLogger({ LOG_LEVEL: 'warn' }),
      };
      // Raw sends the very messages our worker produces (same headers, names, unsubscribe link),
      // built before the clock starts: the difference is our pipeline (claim, render, record).
      const sample = await renderSample({ kind: 'DEFERRED', channel: 'email', language: 'fr' });
      await seedMessages(d, WARM_UP, 'email', 'w');
      const location = await d.db.selectFrom('locations').selectAll().executeTakeFirstOrThrow();
      const prebuilt = (round: number, count = n) =>
        Array.from({ length: count }, (_, i) =>
          buildEmail(
            {
              message: { org_id: 0, id: round * n + i, kind: 'DEFERRED', payload: {}, appointment_id: null },
              location,
              rendered: sample,
              to: { name: `Müller Ğüneş ${i}`, address: `raw${i}@example.test` },
              unsubscribeUrl: `http://relance.test/u/raw-${round}-${i}`,
              now: new Date(),
            },
            ctx.config,
          ),
        );
      // Rounds alternate which side goes first, and the ratio is the median of the rounds' ratios.
      // Both sides keep their SMTP pool open across rounds, as a running worker does.
      // As `relance worker` does: on PostgreSQL the SMTP thread records "sent" itself.
      const mailer = createMailer(ctx.config, ctx.db, { thread: true, recordUrl: d.url });
      const transport = nodemailer.createTransport({
        pool: true,
        maxConnections: POOL,
        maxMessages: Infinity,
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        ignoreTLS: true,
      });
      // Warm-up (not counted): JIT, connection code paths, template compile cache.
      await runWorker(ctx, { once: true, mailer, concurrency: CONCURRENCY });
      await Promise.all(prebuilt(-1, WARM_UP).map((m) => transport.sendMail(m)));
      const rounds: Array<{ raw: number; ours: number }> = [];
      let receivedTotal = 0;
      resetSendWindow();
      for (let round = 0; round < ROUNDS; round++) {
        await seedMessages(d, n, 'email', `s${round}`);
        // Each round leaves n sent rows (three row versions each): vacuum and checkpoint now, so
        // that autovacuum and the checkpointer do not land in the middle of the next timed send.
        await sql`VACUUM (ANALYZE) messages, customers`.execute(d.db);
        await sql`CHECKPOINT`.execute(d.db);
        const rawMails = prebuilt(round);
        const raw = async () => {
          const t0 = performance.now();
          await Promise.all(rawMails.map((m) => transport.sendMail(m)));
          return n / ((performance.now() - t0) / 1000);
        };
        const ours = async () => {
          const t0 = performance.now();
          const totals = await runWorker(ctx, { once: true, mailer, concurrency: CONCURRENCY });
          const rate = totals.sent / ((performance.now() - t0) / 1000);
          if (totals.sent !== n) throw new Error(`worker sent ${totals.sent} of ${n}`);
          return rate;
        };
        // CPU per message of this process, the database server and the sink: where the time goes.
        // The sink must have received every message counted as sent, on both sides.
        const cpu = async (side: string, f: () => Promise<number>) => {
          const received0 = await sink.count();
          const c0 = process.cpuUsage();
          const [pg0, sink0] = [cpuMsOfProcesses('postgres'), cpuMsOfPid(sink.pid)];
          const rate = await f();
          const c = process.cpuUsage(c0);
          const [pg, sinkMs] = [cpuMsOfProcesses('postgres') - pg0, cpuMsOfPid(sink.pid) - sink0];
          const received = (await sink.count()) - received0;
          if (received !== n) throw new Error(`${side}: the SMTP sink received ${received} of ${n} sent`);
          receivedTotal += received;
          log(
            `  ${side.padEnd(4)} ${rate.toFixed(0).padStart(5)} msg/s; cpu ms/msg: sender ${((c.user + c.system) / 1000 / n).toFixed(2)}, database ${(pg / n).toFixed(2)}, sink ${(sinkMs / n).toFixed(2)}`,
          );
          return rate;
        };
        const r =
          round % 2 === 0
            ? { raw: await cpu('raw', raw), ours: await cpu('ours', ours) }
            : { ours: await cpu('ours', ours), raw: await cpu('raw', raw) };
        rounds.push(r);
        log(
          `round ${round + 1}: raw ${r.raw.toFixed(0)} msg/s, ours ${r.ours.toFixed(0)} msg/s, ratio ${(r.ours / r.raw).toFixed(2)}`,
        );
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const ratio = median(rounds.map((r) => r.ours / r.raw));
      const rawRate = median(rounds.map((r) => r.raw));
      const ourRate = median(rounds.map((r) => r.ours));
      mailer.close();
      transport.close();
      const w = sendWindowStats();
      return [
        {
          name: 'send path vs raw nodemailer',
          measured: `median of ${ROUNDS} rounds: ${ourRate.toFixed(0)} vs ${rawRate.toFixed(0)} msg/s (${n} msgs, pool ${POOL}, ours ${CONCURRENCY} in flight, ${d.label}); sink received ${receivedTotal} of ${2 * ROUNDS * n}; window p50 ${w.p50} ms, p99 ${w.p99} ms; linger ${ctx.config.SEND_GROUP_COMMIT_MS} ms`,
          value: ratio,
          goal: '>= 0.8x',
          ok: ratio >= 0.8,
          details: {
            messages: n,
            ours_msg_s: +ourRate.toFixed(1),
            raw_msg_s: +rawRate.toFixed(1),
            window_p50_ms: w.p50,
            window_p99_ms: w.p99,
            window_max_ms: w.max,
            database: d.label,
            sink_received: receivedTotal,
          },
        },
      ];
    } finally {
      await d.close();
      sink.close();
    }
  },
};

async function startSinkProcess(): Promise<{
  port: number;
  pid: number | undefined;
  url: string;
  count(): Promise<number>;
  close(): void;
}> {
  const child = spawn(process.execPath, [new URL('./smtp-sink-process.ts', import.meta.url).pathname], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('exit', () => reject(new Error('the SMTP sink process exited')));
  });
  const count = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m) => resolve(Number(m)));
      child.send('count');
    });
  return { port, pid: child.pid, url: `smtp://127.0.0.1:${port}`, count, close: () => child.kill('SIGTERM') };
}
