// Recurring background jobs run by `npm start` (and by `relance worker`). One file per job,
// listed here. A job's tick must be safe to run twice and from several processes at once.
import type { RecurringJob } from './recurring-job.ts';
export type { RecurringJob };
import { nightlyExportJob } from './nightly-export.job.ts';
import { dailyRunJob } from './daily-run.job.ts';
import { maintenanceRefreshJob } from './maintenance-refresh.job.ts';
import { sendJob } from './send.job.ts';

export const JOBS: RecurringJob[] = [
  dailyRunJob, // engine: daily decision run per location
  maintenanceRefreshJob, // engine: maintenance predictions of vehicles changed since the last tick
  sendJob, // delivery: send worker (email, staff tasks, postcard batches)
  nightlyExportJob, // partners: nightly exports
];
