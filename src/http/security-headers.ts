// Security headers on every response (@fastify/helmet): nosniff, no framing, no referrer, HSTS in
// production, and a Content-Security-Policy chosen by path prefix. Each kind of page gets the
// strictest policy it works with: our server-rendered pages have no script at all (the customer
// portal and the booking pages not even inline styles); the single-page app (the staff console)
// loads its own scripts and calls its own API.
// To serve a new kind of page, add its prefix to PAGE_POLICIES.
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

type Directives = Record<string, string[]>;

const NONE = ["'none'"];
const SELF = ["'self'"];

/** JSON answers and anything not listed below: nothing may load or frame it. */
const API: Directives = {
  'default-src': NONE,
  'frame-ancestors': NONE,
  'base-uri': NONE,
  'form-action': NONE,
};

/** Server-rendered pages (home, /u/, /s/, reset, invalid link, /api/docs): inline styles only. */
const PAGE: Directives = {
  'default-src': NONE,
  'style-src': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'form-action': SELF,
  'frame-ancestors': NONE,
  'base-uri': NONE,
};

/**
 * The customer portal and the public booking pages (server-rendered, no JavaScript at all): our
 * one stylesheet, forms to ourselves. Their pages set it themselves (http/portal/headers.ts, the
 * booking page framable); this prefix covers every other answer under them (404s, errors).
 */
export const PORTAL: Directives = {
  'default-src': NONE,
  'style-src': SELF,
  'img-src': ["'self'", 'data:'],
  'form-action': SELF,
  'base-uri': NONE,
  'frame-ancestors': NONE,
};

/** A single-page app served by us: its own scripts, styles and API, nothing inline. */
const SPA: Directives = {
  'default-src': SELF,
  'script-src': SELF,
  'style-src': SELF,
  'img-src': ["'self'", 'data:'],
  'connect-src': SELF,
  'font-src': SELF,
  // The printed postcards (PDF) are shown in a frame from a blob: the console's own script made.
  'frame-src': ["'self'", 'blob:'],
  'object-src': NONE,
  'form-action': SELF,
  'frame-ancestors': NONE,
  'base-uri': NONE,
};

/** Longest matching prefix wins; a prefix matches itself and what is under it. */
export const PAGE_POLICIES: ReadonlyArray<{ prefix: string; csp: Directives }> = [
  { prefix: '/api/v1', csp: API },
  { prefix: '/health', csp: API },
  { prefix: '/hooks', csp: API },
  { prefix: '/', csp: PAGE },
  // The development mailbox shows each email's HTML in a sandboxed frame (no script): the
  // email's own images may come from anywhere.
  { prefix: '/mailbox', csp: { ...PAGE, 'img-src': ['*', 'data:'] } },
  { prefix: '/console', csp: SPA },
  { prefix: '/portal', csp: PORTAL },
  { prefix: '/book', csp: PORTAL },
];

export const serializeDirectives = (d: Directives) =>
  Object.entries(d)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
const COMPILED = PAGE_POLICIES.map((p) => ({ prefix: p.prefix, header: serializeDirectives(p.csp) })).sort(
  (a, b) => b.prefix.length - a.prefix.length,
);

export function contentSecurityPolicyFor(url: string): string {
  const path = url.split('?')[0]!;
  const hit = COMPILED.find((p) => p.prefix === '/' || path === p.prefix || path.startsWith(`${p.prefix}/`));
  return hit!.header;
}

export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: { production: boolean },
): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: false, // per prefix, below
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    hsts: options.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('content-security-policy', contentSecurityPolicyFor(request.url));
  });
}
