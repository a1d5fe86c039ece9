// The HTTP service: the staff JSON API under /api/v1 and the public pages (unsubscribe,
// portal, surveys, password reset, mail catcher). Route files are listed in api/routes.ts and
// public/routes.ts.
import cookie from '@fastify/cookie';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { translateError } from '../i18n/api-errors.ts';
import { HttpError, type ErrorBody } from './errors.ts';
import { requestLanguage } from './request-language.ts';
import { newHttpState, type HttpState } from './state.ts';
import { API_ROUTES, apiRoutes } from './api/routes.ts';
import { registerDocsPage } from './api/docs-page.ts';
import { publicRoutes } from './public/routes.ts';

export type RouteModule = (app: FastifyInstance, ctx: AppContext, state: HttpState) => void | Promise<void>;

export async function buildApp(ctx: AppContext, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024, trustProxy: false });
  const state = newHttpState();

  // Errors keep a stable code and field; the message is in the reader's language.
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    const language = requestLanguage(request);
    if (err instanceof HttpError) {
      const message = translateError(language, { code: err.code, message: err.message, field: err.field, params: err.params });
      const body: ErrorBody = { error: { code: err.code, message, ...(err.field ? { field: err.field } : {}) } };
      return reply.status(err.status).send(body);
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) request.log.error(err);
    const code = status === 413 ? 'body_too_large' : status === 415 ? 'unsupported_media_type' : status < 500 ? 'bad_request' : 'internal_error';
    const english = status < 500 ? err.message : 'Something went wrong on our side; it has been logged.';
    return reply.status(status).send({ error: { code, message: translateError(language, { code, message: english }) } } satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) => {
    const english = `No route ${request.method} ${request.url.split('?')[0]}`;
    return reply.status(404).send({ error: { code: 'not_found', message: translateError(requestLanguage(request), { code: 'not_found', message: english }) } } satisfies ErrorBody);
  });

  // Cookies for the API's sessions and the public forms (mailbox sign-in, password reset).
  await app.register(cookie);
  app.get('/health', async () => ({ ok: true }));
  registerDocsPage(app, API_ROUTES);
  for (const register of publicRoutes) await app.register(async (scope) => register(scope, ctx, state));
  await app.register(
    async (api) => {
      for (const register of apiRoutes) await register(api, ctx, state);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
