// The API latency bench claims a steady rate: a server counting arrivals per 100 ms must see
// about rate/10 requests in every slot, never a burst followed by a pause (what autocannon's
// overallRate sent, docs/api.md).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedRate } from '../../bench/fixed-rate.ts';
import { fixedRateInProcess } from '../../bench/fixed-rate-process.ts';

const arrivals: number[] = [];
const paths: string[] = [];
const server = createServer((req, res) => {
  arrivals.push(performance.now());
  paths.push(req.url ?? '');
  res.statusCode = req.url === '/fail' ? 500 : 200;
  setTimeout(() => res.end('ok'), 2);
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('fixedRate (bench load)', () => {
  it('sends at a steady rate, open loop: every 100 ms slot gets about a tenth of the rate', async () => {
    arrivals.length = 0;
    let n = 0;
    const r = await fixedRate({ base, rate: 200, seconds: 2, path: () => `/p/${n++}` });
    expect(r.errors).toBe(0);
    expect(r.sent).toBeGreaterThanOrEqual(380);
    const t0 = arrivals[0]!;
    const slots = new Array<number>(19).fill(0); // the last, partial slot left out
    for (const a of arrivals) {
      const i = Math.floor((a - t0) / 100);
      if (i < slots.length) slots[i]!++;
    }
    // 20 per slot; a loaded machine delays the timer a little, never into a burst and a pause.
    expect(Math.min(...slots)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...slots)).toBeLessThanOrEqual(32);
    expect(new Set(paths).size).toBe(paths.length); // path() called for each request
  });

  it('counts answers other than 2xx as errors', async () => {
    const r = await fixedRate({ base, rate: 50, seconds: 1, path: () => '/fail' });
    expect(r.sent).toBeGreaterThan(0);
    expect(r.errors).toBe(r.sent);
  });

  it('runs in a process of its own, the given paths in turn, and reports its event-loop delay', async () => {
    paths.length = 0;
    const r = await fixedRateInProcess({ base, rate: 100, seconds: 1, paths: ['/a', '/b', '/c'] });
    expect(r.errors).toBe(0);
    expect(r.sent).toBeGreaterThanOrEqual(90);
    expect(paths.slice(0, 6)).toEqual(['/a', '/b', '/c', '/a', '/b', '/c']);
    expect(r.loopMax).toBeGreaterThan(0);
    // Nothing listening: every request is an error, not a crash of the child.
    const refused = await fixedRateInProcess({
      base: 'http://127.0.0.1:1',
      rate: 10,
      seconds: 1,
      timeoutMs: 500,
    });
    expect(refused.errors).toBeGreaterThan(0);
    expect(refused.errors).toBe(refused.sent);
  });
});
