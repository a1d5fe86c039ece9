// The load generator in a process of its own (bench/fixed-rate-process.ts starts it): it gets its
// options and the request paths over IPC, runs fixedRate, answers with the result and exits.
import { fixedRate } from './fixed-rate.ts';
import type { FixedRateJob } from './fixed-rate-process.ts';

process.once('message', (job: FixedRateJob) => {
  let i = 0;
  const { paths, ...options } = job;
  fixedRate({ ...options, ...(paths ? { path: () => paths[i++ % paths.length]! } : {}) }).then(
    (result) => process.send!({ result }, () => process.exit(0)),
    (err: Error) => process.send!({ error: err.message }, () => process.exit(1)),
  );
});
