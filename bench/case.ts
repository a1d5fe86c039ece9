// A benchmark case measures something side by side in one run and reports ratios, so the
// result means the same on any machine. Each case lives in bench/cases/<name>.ts.
export type BenchSize = 'small' | 'medium' | 'large' | '1m';

export const VEHICLES_BY_SIZE: Record<BenchSize, number> = {
  small: 5_000,
  medium: 50_000,
  large: 250_000,
  '1m': 1_000_000,
};

export interface BenchOptions {
  size: BenchSize;
  vehicles: number;
  /** postgres:// URL of a server the case may create throw-away databases on, if any. */
  postgresUrl?: string;
  log: (line: string) => void;
}

export interface BenchLine {
  name: string;
  /** What was measured, human readable (e.g. "run 1.2 s vs scan 0.5 s"). */
  measured: string;
  /** The headline number compared to the goal. */
  value: number;
  goal: string;
  ok: boolean;
  details?: Record<string, number | string>;
}

export interface BenchCase {
  name: string;
  run(options: BenchOptions): Promise<BenchLine[]>;
}
