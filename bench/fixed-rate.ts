// Load at a fixed rate, open loop: one request every 1000/rate ms whatever the answers, as real
// clients arrive (loadtest's requestsPerSecond; a timer that corrects its drift, a new keep-alive
// client whenever every client waits). autocannon's `overallRate` was used before and measured
// something else: it lets each connection send its share of a second back to back at the start of
// the second, so "500 requests/s" arrived as a burst of 500 in the first ~200 ms and a pause
// (docs/bench.md, "api-latency": a 2 ms server showed a p99 of 227 ms under it).
import type { IncomingMessage, RequestOptions, ClientRequest } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadTest as loadTestDeclared } from 'loadtest';

interface LoadTestResult {
  totalRequests: number;
  totalErrors: number;
  rps: number;
  maxLatencyMs: number;
  percentiles: Record<'50' | '90' | '95' | '99', number | false>;
  errorCodes: Record<string, number>;
}
type RequestFn = (options: RequestOptions, callback: (res: IncomingMessage) => void) => ClientRequest;
// loadtest's declarations describe its old callback API; without a callback it returns this promise.
const loadTest = loadTestDeclared as unknown as (options: Record<string, unknown>) => Promise<LoadTestResult>;

export interface FixedRateResult {
  p50: number;
  p99: number;
  max: number;
  /** Answers received (each one counted once). */
  sent: number;
  /** Non-2xx/3xx answers, connection errors and timeouts. */
  errors: number;
  /** Answers per second over the run. */
  rps: number;
  /** The load generator's own event-loop delay (ms): a late timer or a late read adds to every latency. */
  loopP99: number;
  loopMax: number;
}

/** GETs `base` + `path()` at `rate` per second for `seconds`; latency from sending to the whole answer. */
export async function fixedRate(options: {
  base: string;
  rate: number;
  seconds: number;
  headers?: Record<string, string>;
  path?: () => string;
  /** Per request (ms): a slower answer counts as an error. */
  timeoutMs?: number;
}): Promise<FixedRateResult> {
  const path = options.path;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const r = await loadTest({
    url: options.base,
    requestsPerSecond: options.rate,
    maxSeconds: options.seconds,
    agentKeepAlive: true,
    headers: options.headers ?? {},
    timeout: options.timeoutMs ?? 10_000,
    quiet: true,
    ...(path
      ? {
          requestGenerator: (
            _o: unknown,
            params: RequestOptions,
            request: RequestFn,
            callback: (res: IncomingMessage) => void,
          ) => request({ ...params, path: path() }, callback),
        }
      : {}),
  });
  loop.disable();
  const pct = (k: '50' | '99') => (r.percentiles[k] === false ? r.maxLatencyMs : r.percentiles[k]);
  return {
    p50: pct('50'),
    p99: pct('99'),
    max: r.maxLatencyMs,
    sent: r.totalRequests,
    errors: r.totalErrors,
    rps: r.rps,
    loopP99: +(loop.percentile(99) / 1e6).toFixed(1),
    loopMax: +(loop.max / 1e6).toFixed(1),
  };
}
