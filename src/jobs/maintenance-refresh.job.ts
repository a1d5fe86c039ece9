// Keeps vehicle maintenance predictions fresh through the day (src/engine/maintenance/refresh-idle.ts),
// so each location's daily run has little left to recompute, and the send queue ahead with them
// (src/engine/send-queue.ts). Safe from several workers at once.
import type { RecurringJob } from './recurring-job.ts';
import { refreshIdleLocations } from '../engine/maintenance/refresh-idle.ts';
import { keepSendQueues } from '../engine/send-queue.ts';

export const maintenanceRefreshJob: RecurringJob = {
  name: 'maintenance-refresh',
  everyMs: 5 * 60_000,
  async tick(ctx) {
    // New predictions can change what E01 and E02 forecast: the send queue ahead follows them.
    const { locations } = await refreshIdleLocations(ctx.db);
    if (locations > 0) await keepSendQueues(ctx.db, ctx.now());
  },
};
