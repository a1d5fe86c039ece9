// The portal session cookie: its own name and path, httpOnly, Secure over https, SameSite=Lax so
// that following a link from an email lands signed in (every form also carries a CSRF token).
import type { FastifyReply } from 'fastify';
import { PORTAL_COOKIE, PORTAL_SESSION_MS } from '../../portal/portal-sessions.ts';

export function setPortalCookie(reply: FastifyReply, token: string, publicUrl: string): void {
  reply.setCookie(PORTAL_COOKIE, token, {
    path: '/portal',
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https:'),
    maxAge: PORTAL_SESSION_MS / 1000,
  });
}

export function clearPortalCookie(reply: FastifyReply): void {
  reply.clearCookie(PORTAL_COOKIE, { path: '/portal' });
}
