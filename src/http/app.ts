// The HTTP service: the staff JSON API under /api/v1 and the public pages (unsubscribe,
// portal, surveys, password reset, mail catcher). Route files are listed in api/routes.ts and
// public/routes.ts.
import cookie from '@fastify/cookie';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
} from 'fastify';
import type { AppContext } from '../context.ts';
import { translateError } from '../i18n/api-errors.ts';
import { HttpError, type ErrorBody } from './errors.ts';
import { CommandError } from '../commands/command-error.ts';
import { requestLanguage } from './request-language.ts';
import { backgroundSettled, newHttpState, type HttpState } from './state.ts';
import type { RouteModule } from './route-module.ts';
import { API_ROUTES, apiRoutes } from './api/routes.ts';
import { registerDocsPage } from './api/docs-page.ts';
import { publicRoutes } from './public/routes.ts';
import { consoleRoutes } from './console/serve-console.ts';
import { rejectNulCharacters } from './reject-nul.ts';
import { registerSecurityHeaders } from './security-headers.ts';

export type { RouteModule };

const states = new WeakMap<FastifyInstance, HttpState>();

/** Resolves once the work an app left running after its answers (reset emails) is done. */
export function afterAnswers(app: FastifyInstance): Promise<void> {
  const state = states.get(app);
  return state ? backgroundSettled(state) : Promise.resolve();
}

export async function buildApp(
  ctx: AppContext,
  options: { requestLog?: boolean } = {},
): Promise<FastifyInstance> {
  // X-Forwarded-For is believed only from the proxies named in TRUST_PROXY (sign-in limits, logs).
  // maxParamLength: links mailed before tokens were short (up to ~150 characters) must still open.
  const app = Fastify({
    // One logger for the whole service (ctx.log); request lines only when asked (requestLogging()).
    loggerInstance: ctx.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: !(options.requestLog ?? false) }),
    bodyLimit: 1024 * 1024,
    trustProxy: ctx.config.TRUST_PROXY ?? false,
    routerOptions: { maxParamLength: 400 },
  });
  const state = newHttpState();
  states.set(app, state);
  app.addHook('onClose', () => backgroundSettled(state));

  // Errors keep a stable code and field; the message is in the reader's language.
  app.setErrorHandler((err: FastifyError | HttpError | CommandError, request, reply) => {
    const language = requestLanguage(request);
    if (err instanceof HttpError || err instanceof CommandError) {
      const message = translateError(language, {
        code: err.code,
        message: err.message,
        field: err.field,
        params: err.params,
      });
      const body: ErrorBody = {
        error: { code: err.code, message, ...(err.field ? { field: err.field } : {}) },
      };
      return reply.status(err.status).send(body);
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) request.log.error(err);
    const code =
      status === 413
        ? 'body_too_large'
        : status === 415
          ? 'unsupported_media_type'
          : status < 500
            ? 'bad_request'
            : 'internal_error';
    const english = status < 500 ? err.message : 'Something went wrong on our side; it has been logged.';
    return reply.status(status).send({
      error: { code, message: translateError(language, { code, message: english }) },
    } satisfies ErrorBody);
  });
  app.setNotFoundHandler((request, reply) => {
    const english = `No route ${request.method} ${request.url.split('?')[0]}`;
    return reply.status(404).send({
      error: {
        code: 'not_found',
        message: translateError(requestLanguage(request), { code: 'not_found', message: english }),
      },
    } satisfies ErrorBody);
  });

  // Cookies for the API's sessions and the public forms (mailbox sign-in, password reset).
  await app.register(cookie);
  await registerSecurityHeaders(app, { production: ctx.config.NODE_ENV === 'production' });
  rejectNulCharacters(app);
  registerDocsPage(app, API_ROUTES);
  await app.register(consoleRoutes);
  for (const register of publicRoutes) await app.register(async (scope) => register(scope, ctx, state));
  await app.register(
    async (api) => {
      for (const register of apiRoutes) await register(api, ctx, state);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
