// Security headers of portal and booking pages: no script at all (the CSP has no script-src),
// our one stylesheet, forms only to ourselves, never cached (they show a person's file), no
// referrer (links carry tokens). Portal pages are never framed; the public booking page may be
// embedded in the shop's own website.
import type { FastifyReply } from 'fastify';
import { PORTAL, serializeDirectives } from '../security-headers.ts';

const POLICY = serializeDirectives(PORTAL);
const EMBEDDABLE_POLICY = serializeDirectives({ ...PORTAL, 'frame-ancestors': ['*'] });

export function portalHeaders(reply: FastifyReply, options: { embeddable?: boolean } = {}): FastifyReply {
  reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    .header('cross-origin-opener-policy', 'same-origin')
    .header('permissions-policy', 'camera=(), microphone=(), geolocation=()')
    .header('content-security-policy', options.embeddable ? EMBEDDABLE_POLICY : POLICY);
  // The app-wide headers deny framing; the public booking page is made to be framed by the shop's site.
  if (!options.embeddable) reply.header('x-frame-options', 'DENY');
  else reply.removeHeader('x-frame-options');
  return reply;
}
