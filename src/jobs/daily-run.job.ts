// The engine's recurring job: every few minutes, run each location's missed and current days
// once its local run hour has passed (src/engine/catch-up.ts), then compute the send queue
// ahead of the locations whose kept forecast the runs (or anything else) made stale, so the
// console's Today screen reads it (src/engine/send-queue.ts). Safe from several workers.
import type { RecurringJob } from './recurring-job.ts';
import { catchUp } from '../engine/catch-up.ts';
import { engineShards } from '../engine/shards.ts';
import { countDecided } from '../metrics/metrics.ts';
import { keepSendQueues } from '../engine/send-queue.ts';

export const dailyRunJob: RecurringJob = {
  name: 'engine-daily-run',
  everyMs: 5 * 60_000,
  async tick(ctx, signal) {
    const result = await catchUp(ctx.db, ctx.now(), { signal, shards: engineShards(ctx) });
    for (const r of result.ran) countDecided(r.channelCounts);
    for (const f of result.failed)
      ctx.log.error({ job: 'engine', day: f.day }, `engine: day ${f.day} failed: ${f.error}`);
    for (const r of result.ran)
      for (const b of r.blocked)
        ctx.log.warn(
          { job: 'engine', day: r.day, locationId: b.locationId, orgId: b.orgId },
          `engine: ${r.day} location ${b.locationId} (org ${b.orgId}) sent nothing: General settings lack ${b.missing.join(', ')}`,
        );
    // The days are decided: a forecast that fails is computed again on demand, the run stands.
    try {
      await keepSendQueues(ctx.db, ctx.now(), signal);
    } catch (err) {
      ctx.log.error(
        { job: 'engine', err },
        `engine: keeping the send queue ahead failed: ${(err as Error).message}`,
      );
    }
  },
};
