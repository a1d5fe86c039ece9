// relance worker [--concurrency N] [--once] [--no-postcards]
// Sends due email and staff tasks (and each day's postcard batches) until stopped. Run as many as
// you like against one PostgreSQL: they share the outbox through SKIP LOCKED claims.
import type { Command } from '../../command.ts';
import { UsageError } from '../../command.ts';
import { createMailer } from '../../../delivery/email/mailer.ts';
import { runPostcardBatches } from '../../../delivery/postcards/run-postcard-batches.ts';
import { DEFAULT_LEASE_MS, newWorkerId, runWorker } from '../../../delivery/worker/run-worker.ts';
import { sendWindowStats } from '../../../delivery/worker/send-window.ts';

const POSTCARD_EVERY_MS = 60_000;

export const workerCommand: Command = {
  name: 'worker',
  summary: 'Send due messages (email, staff tasks, postcard batches) until stopped',
  usage: 'relance worker [--concurrency N] [--lease-seconds S] [--once] [--no-postcards]',
  needsDatabase: true,
  options: {
    concurrency: { type: 'string' },
    'lease-seconds': { type: 'string' },
    once: { type: 'boolean', default: false },
    'no-postcards': { type: 'boolean', default: false },
  },
  async run({ values }, ctx) {
    if (!ctx) throw new Error('worker needs the database');
    // Default: 4 sends in flight per pooled SMTP connection, so the pool never waits on the database.
    const concurrency = values.concurrency === undefined ? ctx.config.SMTP_POOL_SIZE * 4 : Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 200) throw new UsageError(`--concurrency must be a whole number from 1 to 200 (got "${String(values.concurrency)}")`);
    const leaseSeconds = values['lease-seconds'] === undefined ? DEFAULT_LEASE_MS / 1000 : Number(values['lease-seconds']);
    if (!Number.isFinite(leaseSeconds) || leaseSeconds < 1) throw new UsageError(`--lease-seconds must be at least 1 (got "${String(values['lease-seconds'])}")`);
    const workerId = newWorkerId();
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const log = (line: string) => console.error(`[worker ${workerId}] ${line}`);
    const reportWindow = () => {
      const w = sendWindowStats();
      if (w.count) log(`send window (SMTP accepted → recorded): n=${w.count} p50=${w.p50}ms p99=${w.p99}ms max=${w.max}ms`);
    };
    const timer = setInterval(reportWindow, 10_000);
    log(`started: ${ctx.config.SMTP_URL ? 'SMTP' : 'mail caught locally (no SMTP_URL)'}, concurrency ${concurrency}`);
    let postcardsAt = 0;
    // One pooled SMTP transport for the life of the process: connections are kept warm.
    const mailer = createMailer(ctx.config, ctx.db, { thread: true });
    try {
      do {
        if (!values['no-postcards'] && Date.now() - postcardsAt > POSTCARD_EVERY_MS) {
          postcardsAt = Date.now();
          for (const b of await runPostcardBatches(ctx, { workerId })) log(`postcard batch ${b.batchId}: ${b.cards} cards ${b.status}${b.error ? ` (${b.error})` : ''}`);
        }
        const totals = await runWorker(ctx, { workerId, concurrency, once: true, signal: controller.signal, log, mailer, leaseMs: leaseSeconds * 1000 });
        if (totals.sent + totals.failed + totals.retry + totals.cancelled) log(`sent ${totals.sent}, retry ${totals.retry}, failed ${totals.failed}, cancelled ${totals.cancelled}`);
        if (values.once) break;
        await new Promise((r) => setTimeout(r, 500));
      } while (!controller.signal.aborted);
    } finally {
      clearInterval(timer);
      mailer.close();
      reportWindow();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
    return 0;
  },
};
