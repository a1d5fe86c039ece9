// Registers every ApiRoute under /api/v1: strict JSON parsing, the auth hook (scope), zod
// validation, database-error mapping, the response copied through its schema, the OpenAPI
// document. Handlers only see valid input and a scope.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { scoped } from '../../tenancy/scoped.ts';
import type { Scope } from '../../tenancy/scope.ts';
import type { HttpState } from '../state.ts';
import { requestLanguage } from '../request-language.ts';
import type { ApiRoute } from './define.ts';
import { uploadedFile, useUploads } from './upload-body.ts';
import { authenticate, type Authenticated } from './auth.ts';
import { parseInput } from './validate.ts';
import { mapDbError } from './db-errors.ts';
import { useStrictJson } from './json-body.ts';
import { buildOpenApi } from './openapi.ts';
import { projector } from './strip-response.ts';

const NO_SCOPE: Scope = { orgId: 0, actor: { type: 'operator', id: 0 }, userId: null, locationIds: [] };
// A route without a query (or body) schema takes none: anything sent is an unknown field, as on
// every other route, rather than silently ignored.
const NO_QUERY = z.strictObject({});
const NO_BODY = z.strictObject({}).optional();

export function mountApi(routes: readonly ApiRoute[]) {
  return async (api: FastifyInstance, ctx: AppContext, state: HttpState): Promise<void> => {
    useStrictJson(api);
    useUploads(api, routes);
    let openapi: unknown = null;
    api.get('/openapi.json', async () => (openapi ??= buildOpenApi(routes)));

    // An upload is authenticated before its body is read (up to 32 MiB): a caller who may not
    // upload is refused before the server buffers anything.
    const uploadAuth = new WeakMap<FastifyRequest, Authenticated | null>();
    for (const route of routes) {
      const project = projector(route.response);
      api.route({
        method: route.method,
        url: route.path,
        config: { upload: route.upload },
        ...(route.upload
          ? {
              preParsing: async (
                request: FastifyRequest,
                _reply: unknown,
                payload: NodeJS.ReadableStream,
              ) => {
                uploadAuth.set(request, await authenticate(ctx, request, route.auth, ctx.now()));
                return payload;
              },
            }
          : {}),
        handler: async (request, reply) => {
          const now = ctx.now();
          const auth = uploadAuth.has(request)
            ? uploadAuth.get(request)!
            : await authenticate(ctx, request, route.auth, now);
          const scope = auth?.scope ?? NO_SCOPE;
          const language = requestLanguage(request);
          const params = parseInput(route.params, request.params, 'path', language);
          const query = parseInput(route.query ?? NO_QUERY, request.query, 'query', language);
          const body = route.upload
            ? uploadedFile(route.upload, request.body)
            : parseInput(route.body ?? NO_BODY, request.body, 'body', language);
          const input = {
            params,
            query: route.query ? query : undefined,
            body: route.body || route.upload ? body : undefined,
          };
          let result: unknown;
          try {
            result = await route.handler({
              ctx,
              db: ctx.db,
              scope,
              s: scoped(ctx.db, scope),
              ...input,
              now,
              request,
              reply,
              state,
            });
          } catch (err) {
            throw mapDbError(err);
          }
          if (process.env.VITEST) assertResponse(route, result);
          reply.status(route.status ?? 200);
          if (result === undefined) return reply.send();
          // Only the documented fields leave the server, in production as in tests.
          return project(result);
        },
      });
    }
  };
}

/** In tests, every response must match its documented schema: the OpenAPI document stays honest. */
function assertResponse(route: ApiRoute, result: unknown): void {
  const check = route.response.safeParse(result);
  if (check.success) return;
  const message = `Response of ${route.method} ${route.path} does not match its schema: ${check.error.message}`;
  console.error(message);
  throw new Error(message);
}
