// CSRF protection for the public HTML forms (password reset, mailbox sign-in): a double-submit
// token. The GET that shows a form sets a random SameSite=Strict cookie and puts the same value in
// a hidden field; the POST must bring both, equal. Another site can make a browser POST the form
// but can neither read nor set the cookie.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { newSecret, sameSecret } from '../../accounts/tokens.ts';
import { escapeHtml } from './page.ts';

const COOKIE = 'relance_form';

/** The hidden input to put in a form (sets the cookie when the browser has none yet). */
export function formTokenField(request: FastifyRequest, reply: FastifyReply, publicUrl: string): string {
  let token = request.cookies[COOKIE];
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
    token = newSecret();
    reply.setCookie(COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: publicUrl.startsWith('https:'),
      maxAge: 3600,
    });
  }
  return `<input type="hidden" name="_csrf" value="${escapeHtml(token)}">`;
}

export function formTokenValid(request: FastifyRequest, given: unknown): boolean {
  const cookie = request.cookies[COOKIE];
  return (
    typeof given === 'string' && typeof cookie === 'string' && cookie.length > 0 && sameSecret(given, cookie)
  );
}

/** Headers for pages that show a form or a secret link: not cached, not framed, no referrer. */
export function formPageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    );
}
