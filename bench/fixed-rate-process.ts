// fixedRate (bench/fixed-rate.ts) in a fresh process: the bench runner has run other cases before
// (send paths, postcards, the daily run), and its event loop, heap and threads are not a load
// generator's. Measured in one run after those cases: the load generator's own event-loop delay
// p99 15.8 ms (6.6 ms when api-latency ran alone), which every latency it measures includes
// (docs/api.md). A separate process is what a load test uses anyway.
import { fork } from 'node:child_process';
import type { FixedRateResult } from './fixed-rate.ts';

export interface FixedRateJob {
  base: string;
  rate: number;
  seconds: number;
  headers?: Record<string, string>;
  /** Requested in turn (a fixed list, since a function cannot cross to the child). */
  paths?: string[];
  timeoutMs?: number;
}

export function fixedRateInProcess(job: FixedRateJob): Promise<FixedRateResult> {
  const child = fork(new URL('./fixed-rate-child.ts', import.meta.url).pathname, [], {
    execPath: process.execPath,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    child.once('message', (m: { result?: FixedRateResult; error?: string }) => {
      settled = true;
      if (m.result) resolve(m.result);
      else reject(new Error(`load generator: ${m.error}`));
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited (${code}) without a result`));
    });
    child.send(job);
  });
}
