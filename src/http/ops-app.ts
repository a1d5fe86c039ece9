// The operations endpoints alone (/health, /ready, /metrics), for a worker process that serves
// no API: `relance worker --port N`.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { operationsRoutes } from './public/operations.ts';

export async function buildOpsApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
  });
  await app.register(async (scope) => operationsRoutes(scope, ctx));
  return app;
}
