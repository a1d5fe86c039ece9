// /health, /ready and /metrics on both databases: who may read the metrics, and readiness turning
// to 503 once the process is stopping (so a load balancer stops sending it work).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiTest, type ApiTest } from '../../../test/helpers/api.ts';
import { markStopping } from '../../lifecycle.ts';

let open: ApiTest;
let guarded: ApiTest;
beforeAll(async () => {
  open = await createApiTest();
  guarded = await createApiTest({ METRICS_TOKEN: 'a-long-enough-metrics-token' });
});
afterAll(async () => {
  await open.close();
  await guarded.close();
});

describe('operations endpoints', () => {
  it('/metrics answers loopback callers when no token is set, and no one else', async () => {
    const local = await open.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    expect(local.headers['content-type']).toContain('text/plain');
    expect(local.body).toContain('# TYPE relance_queue_depth gauge');
    expect(local.body).toContain('# TYPE relance_messages_delivered_total counter');
    const outside = await open.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(outside.statusCode).toBe(403);
  });

  it('/metrics with METRICS_TOKEN needs that bearer token, even from loopback', async () => {
    const none = await guarded.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(none.statusCode).toBe(403);
    const wrong = await guarded.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer a-long-enough-metrics-tokeX' },
    });
    expect(wrong.statusCode).toBe(403);
    const right = await guarded.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.9',
      headers: { authorization: 'Bearer a-long-enough-metrics-token' },
    });
    expect(right.statusCode).toBe(200);
  });

  it('/ready is 200 while the database answers, 503 once the process is stopping', async () => {
    const ready = await open.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ready: true, role: 'all' });
    markStopping();
    const stopping = await open.app.inject({ method: 'GET', url: '/ready' });
    expect(stopping.statusCode).toBe(503);
    expect(stopping.json()).toMatchObject({ ready: false, reason: 'stopping' });
    expect((await open.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
