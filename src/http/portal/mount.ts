// Registers every portal route (routes.ts) behind one wrapper: the portal session (a customer's,
// never a staff user's) resolved to a CustomerScope, the CSRF double-submit check on every POST,
// the security headers, the customer's language, and errors as pages in that language (404 for
// anything not the customer's, never a stack trace).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Language } from '../../db/schema.ts';
import { pickLanguage } from '../../i18n/accept-language.ts';
import { pt } from '../../i18n/portal-strings.ts';
import { own, portalLanguage, type CustomerScope } from '../../portal/customer-scope.ts';
import { PortalNotFound } from '../../portal/errors.ts';
import { findPortalSession, PORTAL_COOKIE } from '../../portal/portal-sessions.ts';
import { formTokenField, formTokenValid } from '../public/form-csrf.ts';
import type { PortalAnswer, PortalCall, PortalRoute } from './define.ts';
import { portalHeaders } from './headers.ts';
import { renderView } from './view.ts';

export function mountPortal(routes: PortalRoute[]) {
  return async function portalRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
    await app.register(formbody, { bodyLimit: 16 * 1024 });
    // The one stylesheet: small, cached for a day (its content is versioned with the release).
    const css = readFileSync(join(import.meta.dirname, 'portal.css'));
    app.get('/portal/portal.css', async (_req, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .header('x-content-type-options', 'nosniff')
        .send(css),
    );
    for (const route of routes) {
      // The portal's root answers with a trailing slash too (`/portal/`, as people type it):
      // the same page, not a 404. Other paths have one spelling.
      for (const url of route.path === '/portal' ? ['/portal', '/portal/'] : [route.path])
        app.route({
          method: route.method,
          url,
          handler: async (req, reply) => serve(route, req, reply, ctx),
        });
    }
  };
}

async function serve(route: PortalRoute, req: FastifyRequest, reply: FastifyReply, ctx: AppContext) {
  const now = ctx.now();
  portalHeaders(reply, { embeddable: !route.signedIn && route.embeddable });
  if (ctx.config.publicUrl.startsWith('https:'))
    reply.header('strict-transport-security', 'max-age=31536000');
  let language: Language = pickLanguage(req.headers['accept-language']);
  let csrfField: string | null = null;
  const call: PortalCall = {
    req,
    reply,
    ctx,
    now,
    language,
    // Long signed tokens are matched by a wildcard (Fastify caps named parameters at 100 chars).
    params: tokenParam((req.params ?? {}) as Record<string, string>),
    query: (req.query ?? {}) as Record<string, string | undefined>,
    body: (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>,
    csrf: () => (csrfField ??= formTokenField(req, reply, ctx.config.publicUrl)),
  };
  const signedIn = route.signedIn;
  try {
    let answer: PortalAnswer;
    if (route.signedIn) {
      const token = req.cookies[PORTAL_COOKIE];
      const session = await findPortalSession(ctx.db, token, now);
      const customer = session ? await own(ctx.db, { ...session, locationId: 0 }).customer() : undefined;
      if (!session || !customer) return reply.redirect('/portal/sign-in', 303);
      const cs: CustomerScope = { ...session, locationId: customer.location_id };
      const location = await own(ctx.db, cs).location();
      language = call.language = portalLanguage(customer, location);
      if (req.method === 'POST' && !formTokenValid(req, call.body._csrf))
        return send(reply, ctx, call, true, {
          view: 'message',
          title: pt(language, 'bad_form'),
          status: 403,
          data: { text: pt(language, 'bad_form'), back: req.url },
        });
      answer = await route.handle({ ...call, cs, customer, location, sessionToken: token! });
    } else {
      answer = await route.handle(call);
    }
    return send(reply, ctx, call, signedIn, answer);
  } catch (err) {
    if (err instanceof PortalNotFound)
      return send(reply, ctx, call, signedIn, {
        view: 'message',
        title: pt(call.language, 'not_found_title'),
        status: 404,
        data: { text: pt(call.language, 'not_found') },
      });
    throw err;
  }
}

function send(
  reply: FastifyReply,
  _ctx: AppContext,
  call: PortalCall,
  signedIn: boolean,
  answer: PortalAnswer,
) {
  if ('redirect' in answer) return reply.redirect(answer.redirect, 303);
  if ('sent' in answer) return reply;
  if ('download' in answer)
    return reply
      .type(answer.download.type)
      .header('content-disposition', `attachment; filename="${answer.download.filename}"`)
      .send(answer.download.body);
  const html = renderView(answer.view, {
    ...answer.data,
    language: call.language,
    title: answer.title,
    signedIn,
    csrf: call.csrf(),
  });
  return reply
    .status(answer.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('content-language', call.language)
    .send(html);
}

function tokenParam(params: Record<string, string>): Record<string, string> {
  return params['*'] !== undefined ? { ...params, token: params['*'] } : params;
}
