// npm start's in-process sender: each tick drains the due email and staff-task messages, and at
// most once a minute builds the day's postcard batches. Safe beside `relance worker` processes.
import { createMailer, type Mailer } from '../delivery/email/mailer.ts';
import { runPostcardBatches } from '../delivery/postcards/run-postcard-batches.ts';
import { newWorkerId, runWorker } from '../delivery/worker/run-worker.ts';
import { holdWorkerLiveness } from '../delivery/worker/worker-liveness.ts';
import type { AppContext } from '../context.ts';
import type { RecurringJob } from './recurring-job.ts';

const workerId = newWorkerId();
const mailers = new WeakMap<AppContext, Mailer>();
let postcardsAt = 0;

export const sendJob: RecurringJob = {
  name: 'send',
  everyMs: 2_000,
  async tick(ctx, signal) {
    let mailer = mailers.get(ctx);
    if (!mailer) {
      mailer = createMailer(ctx.config, ctx.db, { thread: true });
      mailers.set(ctx, mailer);
      signal.addEventListener('abort', () => mailer?.close(), { once: true });
      // On PostgreSQL, its claims are released only once this process is gone (worker-liveness.ts).
      if (ctx.config.DATABASE_URL) {
        const liveness = await holdWorkerLiveness(ctx.config.DATABASE_URL, workerId);
        signal.addEventListener('abort', () => void liveness.close(), { once: true });
      }
    }
    await runWorker(ctx, {
      workerId,
      once: true,
      signal,
      mailer,
      log: (l) => ctx.log.warn({ job: 'send' }, `send: ${l}`),
    });
    if (Date.now() - postcardsAt > 60_000 && !signal.aborted) {
      postcardsAt = Date.now();
      await runPostcardBatches(ctx, { workerId });
    }
  },
};
