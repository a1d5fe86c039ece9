// The HTTP service: the staff JSON API under /api/v1 and the public pages (unsubscribe,
// portal, surveys, mail catcher). Route files are listed in api/routes.ts and public/routes.ts.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { HttpError, type ErrorBody } from './errors.ts';
import { API_ROUTES, apiRoutes } from './api/routes.ts';
import { registerDocsPage } from './api/docs-page.ts';
import { publicRoutes } from './public/routes.ts';

export type RouteModule = (app: FastifyInstance, ctx: AppContext) => void | Promise<void>;

export async function buildApp(ctx: AppContext, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024, trustProxy: false });

  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) } };
      return reply.status(err.status).send(body);
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) request.log.error(err);
    const code = status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : status < 500 ? 'bad_request' : 'internal_error';
    const message = status < 500 ? err.message : 'Something went wrong on our side; it has been logged.';
    return reply.status(status).send({ error: { code, message } } satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` } } satisfies ErrorBody),
  );

  app.get('/health', async () => ({ ok: true }));
  registerDocsPage(app, API_ROUTES);
  for (const register of publicRoutes) await app.register(async (scope) => register(scope, ctx));
  await app.register(
    async (api) => {
      for (const register of apiRoutes) await register(api, ctx);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
