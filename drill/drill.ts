// A fault drill: sets up what it needs on loopback, breaks something on purpose, and counts
// what was lost and what was doubled. Bounded in time; cleans up after itself.
export type DrillSize = 'small' | 'full';

export interface DrillResult {
  name: string;
  lost: number;
  doubled: number;
  /** What doubling is acceptable (the measured unavoidable window), if any. */
  allowedDoubles: number;
  notes: string;
  /** Nothing lost, nothing doubled beyond what is allowed, the fault caused as planned. */
  ok: boolean;
  /** A goal on a measured figure, reported apart (like the bench's speed goals, it depends on the machine's load). */
  goal?: { text: string; met: boolean };
}

export interface Drill {
  name: string;
  run(size: DrillSize, log: (line: string) => void): Promise<DrillResult>;
}
