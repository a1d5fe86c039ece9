// The engine's recurring job: every few minutes, run each location's missed and current days
// once its local run hour has passed (src/engine/catch-up.ts). Safe from several workers.
import type { RecurringJob } from './registry.ts';
import { catchUp } from '../engine/catch-up.ts';
import { engineShards } from '../engine/shards.ts';

export const dailyRunJob: RecurringJob = {
  name: 'engine-daily-run',
  everyMs: 5 * 60_000,
  async tick(ctx, signal) {
    const result = await catchUp(ctx.db, ctx.now(), { signal, shards: engineShards(ctx) });
    for (const f of result.failed) console.error(`engine: day ${f.day} failed: ${f.error}`);
  },
};
