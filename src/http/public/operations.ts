// Endpoints for the operator's tooling, on every process role: /health (alive), /ready (the
// database answers and the process is not stopping) and /metrics (Prometheus text). /metrics
// needs METRICS_TOKEN as a bearer token, or comes only from a loopback address when none is set.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import { lifecycle } from '../../lifecycle.ts';
import { registry, watchQueue } from '../../metrics/metrics.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function metricsAllowed(request: FastifyRequest, token: string | undefined): boolean {
  if (!token) return LOOPBACK.has(request.socket.remoteAddress ?? '');
  const given = Buffer.from(request.headers.authorization ?? '');
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export async function operationsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  watchQueue(ctx.db);
  app.get('/health', async () => ({ ok: true, role: lifecycle().role }));
  app.get('/ready', async (_request, reply) => {
    const { role, stopping } = lifecycle();
    if (stopping) return reply.status(503).send({ ready: false, role, reason: 'stopping' });
    try {
      await Promise.race([
        sql`SELECT 1`.execute(ctx.db),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
      ]);
    } catch {
      return reply.status(503).send({ ready: false, role, reason: 'database' });
    }
    return { ready: true, role };
  });
  app.get('/metrics', async (request, reply) => {
    if (!metricsAllowed(request, ctx.config.METRICS_TOKEN))
      return reply.status(403).send({ error: { code: 'forbidden', message: 'Metrics need METRICS_TOKEN' } });
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
