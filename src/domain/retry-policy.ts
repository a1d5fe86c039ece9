// One claim/lease/retry rule for the three things Relance claims and retries: messages (the send
// worker), postcard batches and partner export runs. Each is claimed by one process at a time
// (SKIP LOCKED, or a row whose insert or flip is the lock); a claim not renewed within its lease
// belongs to a process that died and may be taken over; the n-th failure waits
// firstMs * 2^(n-1), capped at capMs, give or take `jitter` (so retries of a batch spread out);
// after maxAttempts tries the thing is failed for good.
//
// Why not pg-boss: the send path's claim is one UPDATE ... SKIP LOCKED of up to a few hundred
// outbox rows, whose status is the product's own record (sent, held, bounced); a queue library
// would hold a second copy of that state per message and add a job row write per send. The
// policy, not the storage, is what the three shared by copy; it lives here.
export interface RetryPolicy {
  /** Wait after the first failure. */
  firstMs: number;
  /** Longest wait between two tries. */
  capMs: number;
  /** Tries in all (the first included) before the thing is failed for good. */
  maxAttempts: number;
  /** ± share of the wait drawn at random (0: exact). */
  jitter: number;
  /** A claim older than this (not renewed) was left by a process that died. */
  leaseMs: number;
}

/** Messages (email, text, task) and postcard batches: 30 s, 1 min, 2 min … 6 h; 8 tries. */
export const SEND_RETRY: RetryPolicy = {
  firstMs: 30_000,
  capMs: 6 * 3_600_000,
  maxAttempts: 8,
  jitter: 0.2,
  leaseMs: 120_000,
};

/** Partner export runs (one per location, partner and day): 5, 10, 20, 40, 80 min; 6 tries. */
export const EXPORT_RETRY: RetryPolicy = {
  firstMs: 5 * 60_000,
  capMs: 6 * 3_600_000,
  maxAttempts: 6,
  jitter: 0,
  leaseMs: 120 * 60_000,
};

/** How long to wait after the `attempts`-th failed try. */
export function retryWaitMs(policy: RetryPolicy, attempts: number, random = Math.random()): number {
  const base = Math.min(policy.firstMs * 2 ** Math.max(0, attempts - 1), policy.capMs);
  return Math.round(base * (1 - policy.jitter + 2 * policy.jitter * random));
}

/** No try left after `attempts` tries. */
export const givenUp = (policy: RetryPolicy, attempts: number): boolean => attempts >= policy.maxAttempts;

/**
 * The same wait as an SQL interval, for set-based checks (without jitter: the policies that use it
 * have none). `attempts` is the caller's column.
 */
export function retryWaitSql(policy: RetryPolicy, attempts: string): string {
  return `(interval '1 millisecond' * least(${policy.firstMs}::float8 * power(2, greatest(${attempts} - 1, 0)), ${policy.capMs}))`;
}

/** A lease as an SQL interval. */
export const leaseSql = (policy: RetryPolicy): string => `(interval '1 millisecond' * ${policy.leaseMs})`;
