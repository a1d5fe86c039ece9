// Runs each registered job on its interval; one tick of a job at a time; errors are logged,
// never fatal. stop() waits for running ticks to end.
import type { AppContext } from '../context.ts';
import type { RecurringJob } from './recurring-job.ts';
import { timeJob } from '../metrics/metrics.ts';

export interface Scheduler {
  stop(): Promise<void>;
}

export function startScheduler(
  ctx: AppContext,
  jobs: RecurringJob[],
  log: (msg: string) => void = (msg) => ctx.log.error(msg),
): Scheduler {
  const controller = new AbortController();
  const running = new Set<Promise<void>>();
  const timers = jobs.map((job) => {
    let busy = false;
    const run = () => {
      if (busy || controller.signal.aborted) return;
      busy = true;
      const started = performance.now();
      let ok = true;
      const p = job
        .tick(ctx, controller.signal)
        .catch((err: unknown) => {
          ok = false;
          log(`job ${job.name} failed: ${(err as Error).message}`);
        })
        .finally(() => {
          timeJob(job.name, (performance.now() - started) / 1000, ok);
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    setImmediate(run);
    return setInterval(run, job.everyMs);
  });
  return {
    async stop() {
      controller.abort();
      timers.forEach(clearInterval);
      await Promise.all(running);
    },
  };
}
