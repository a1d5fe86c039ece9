// Recurring background jobs run by `npm start` (and by `relance worker`). One file per job;
// each is listed here. A job's tick must be safe to run twice and from several processes.
import type { AppContext } from '../context.ts';

export interface RecurringJob {
  name: string;
  /** Milliseconds between ticks. */
  everyMs: number;
  tick(ctx: AppContext, signal: AbortSignal): Promise<void>;
}

export const JOBS: RecurringJob[] = [];
