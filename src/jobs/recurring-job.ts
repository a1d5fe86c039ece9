// What a recurring job is (the list of them is registry.ts).
import type { AppContext } from '../context.ts';

export interface RecurringJob {
  name: string;
  /** Milliseconds between ticks. */
  everyMs: number;
  tick(ctx: AppContext, signal: AbortSignal): Promise<void>;
}
