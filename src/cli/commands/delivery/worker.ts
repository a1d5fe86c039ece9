// relance worker [--concurrency N] [--once] [--no-postcards] [--only-send] [--port N]
// The jobs role: sends due email and staff tasks (and each day's postcard batches) and, unless
// --only-send, runs the other recurring jobs (daily run, maintenance refresh, nightly exports) until
// stopped. Run as many as you like against one PostgreSQL: they share the outbox through SKIP LOCKED
// claims and each job's work through advisory locks. On SIGTERM it stops claiming, finishes the
// sends in flight, hands back what it had claimed and exits. --port serves /health, /ready, /metrics.
import type { Command } from '../../command.ts';
import { UsageError } from '../../command.ts';
import { createMailer } from '../../../delivery/email/mailer.ts';
import { runPostcardBatches } from '../../../delivery/postcards/run-postcard-batches.ts';
import { DEFAULT_LEASE_MS, newWorkerId, runWorker } from '../../../delivery/worker/run-worker.ts';
import { holdWorkerLiveness } from '../../../delivery/worker/worker-liveness.ts';
import { sendWindowStats } from '../../../delivery/worker/send-window.ts';
import { buildOpsApp } from '../../../http/ops-app.ts';
import { JOBS } from '../../../jobs/registry.ts';
import { startScheduler } from '../../../jobs/scheduler.ts';
import { senderAlignmentWarnings } from '../../../config/sender-alignment.ts';
import { markStopping, setRole } from '../../../lifecycle.ts';

const POSTCARD_EVERY_MS = 60_000;

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Send due messages (email, staff tasks, postcard batches) until stopped',
  usage:
    'relance worker [--concurrency N] [--lease-seconds S] [--once] [--no-postcards] [--only-send] [--port N]',
  needsDatabase: true,
  options: {
    concurrency: { type: 'string' },
    'lease-seconds': { type: 'string' },
    once: { type: 'boolean', default: false },
    'no-postcards': { type: 'boolean', default: false },
    'only-send': { type: 'boolean', default: false },
    port: { type: 'string' },
  },
  async run({ values }, ctx) {
    if (!ctx) throw new Error('worker needs the database');
    // Default: 4 sends in flight per pooled SMTP connection, so the pool never waits on the database.
    const concurrency =
      values.concurrency === undefined ? ctx.config.SMTP_POOL_SIZE * 4 : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 200)
      throw new UsageError(
        `--concurrency must be a whole number from 1 to 200 (got "${String(values.concurrency)}")`,
      );
    const leaseSeconds =
      values['lease-seconds'] === undefined ? DEFAULT_LEASE_MS / 1000 : Number(values['lease-seconds']);
    if (!Number.isFinite(leaseSeconds) || leaseSeconds < 1)
      throw new UsageError(`--lease-seconds must be at least 1 (got "${String(values['lease-seconds'])}")`);
    const opsPort = values.port === undefined ? null : Number(values.port);
    if (opsPort !== null && (!Number.isInteger(opsPort) || opsPort < 0 || opsPort > 65535))
      throw new UsageError(`--port must be a port number (got "${String(values.port)}")`);
    setRole('worker');
    const workerId = newWorkerId();
    const controller = new AbortController();
    const stop = () => {
      markStopping();
      controller.abort();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const log = (line: string) => console.error(`[worker ${workerId}] ${line}`);
    const reportWindow = () => {
      const w = sendWindowStats();
      if (w.count)
        log(
          `send window (SMTP accepted → recorded): n=${w.count} p50=${w.p50}ms p99=${w.p99}ms max=${w.max}ms`,
        );
    };
    const timer = setInterval(reportWindow, 10_000);
    log(
      `started: ${ctx.config.SMTP_URL ? 'SMTP' : 'mail caught locally (no SMTP_URL)'}, concurrency ${concurrency}`,
    );
    for (const warning of senderAlignmentWarnings(ctx.config)) log(`warning: ${warning}`);
    // The send loop below is this role's send job; the other recurring jobs run beside it.
    const others = values['only-send'] || values.once ? [] : JOBS.filter((j) => j.name !== 'send');
    const scheduler = startScheduler(ctx, others, log);
    const ops = opsPort === null ? null : await buildOpsApp(ctx);
    if (ops) log(`operations endpoints at ${await ops.listen({ host: ctx.config.HOST, port: opsPort! })}`);
    let postcardsAt = 0;
    // One pooled SMTP transport for the life of the process: connections are kept warm.
    // On PostgreSQL the SMTP thread records "sent" itself, as soon as the server accepts.
    const mailer = createMailer(ctx.config, ctx.db, { thread: true, recordUrl: ctx.config.DATABASE_URL });
    // On PostgreSQL, its claims are released only once this process is gone (worker-liveness.ts).
    const liveness = ctx.config.DATABASE_URL
      ? await holdWorkerLiveness(ctx.config.DATABASE_URL, workerId)
      : null;
    try {
      do {
        if (!values['no-postcards'] && Date.now() - postcardsAt > POSTCARD_EVERY_MS) {
          postcardsAt = Date.now();
          for (const b of await runPostcardBatches(ctx, { workerId }))
            log(`postcard batch ${b.batchId}: ${b.cards} cards ${b.status}${b.error ? ` (${b.error})` : ''}`);
        }
        const totals = await runWorker(ctx, {
          workerId,
          concurrency,
          once: true,
          signal: controller.signal,
          log,
          mailer,
          // On PostgreSQL the texts' HTTP thread records "sent" itself, as the SMTP thread does.
          recordUrl: ctx.config.DATABASE_URL,
          leaseMs: leaseSeconds * 1000,
        });
        if (totals.sent + totals.failed + totals.retry + totals.cancelled + totals.held)
          log(
            `sent ${totals.sent}, retry ${totals.retry}, failed ${totals.failed}, cancelled ${totals.cancelled}, held ${totals.held}`,
          );
        if (values.once) break;
        await new Promise((r) => setTimeout(r, 500));
      } while (!controller.signal.aborted);
    } finally {
      clearInterval(timer);
      await scheduler.stop();
      await ops?.close();
      mailer.close();
      await liveness?.close();
      reportWindow();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return 0;
  },
};
