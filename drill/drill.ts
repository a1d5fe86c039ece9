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
  ok: boolean;
}

export interface Drill {
  name: string;
  run(size: DrillSize, log: (line: string) => void): Promise<DrillResult>;
}
