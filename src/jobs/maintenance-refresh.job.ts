// Keeps vehicle maintenance predictions fresh through the day (src/engine/maintenance/refresh-idle.ts),
// so each location's daily run has little left to recompute. Safe from several workers at once.
import type { RecurringJob } from './recurring-job.ts';
import { refreshIdleLocations } from '../engine/maintenance/refresh-idle.ts';

export const maintenanceRefreshJob: RecurringJob = {
  name: 'maintenance-refresh',
  everyMs: 5 * 60_000,
  async tick(ctx) {
    await refreshIdleLocations(ctx.db);
  },
};
