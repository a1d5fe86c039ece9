// POST /session: sign in with email and password. Sets the HttpOnly session cookie and returns
// the CSRF token to send as X-CSRF-Token on unsafe methods. Rate-limited per IP and email.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { HttpError } from '../../errors.ts';
import { checkLogin } from '../../../accounts/find-user-for-login.ts';
import { createSession, SESSION_COOKIE } from '../../../accounts/sessions.ts';
import { audit } from '../../../accounts/audit.ts';

export const createSessionRoute = defineRoute({
  method: 'POST',
  path: '/session',
  summary: 'Sign in (session cookie + CSRF token)',
  tag: 'Session',
  auth: 'public',
  isolation: { exempt: 'sign-in takes no tenant ids' },
  body: z.strictObject({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(200) }),
  response: z.object({ user_id: z.number(), csrf_token: z.string(), expires_at: z.string() }),
  example: () => ({ body: { email: 'owner@garage.test', password: 'correct horse battery' } }),
  async handler({ ctx, body, request, reply, state, now }) {
    const limiter = state.loginLimiter;
    const wait = limiter.retryAfter(request.ip, body.email, now);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      throw new HttpError(429, 'too_many_attempts', `Too many sign-in attempts; try again in ${wait} seconds`);
    }
    const user = await checkLogin(ctx.db, body.email, body.password);
    if (!user) {
      limiter.recordFailure(request.ip, body.email, now);
      throw new HttpError(401, 'invalid_credentials', 'Wrong email or password', 'password');
    }
    limiter.clear(request.ip, body.email);
    const session = await createSession(ctx.db, user.id, now);
    await audit(ctx.db, { orgId: user.org_id ?? 0, actor: { type: user.is_platform_admin ? 'operator' : 'user', id: user.id }, userId: user.id, locationIds: [] }, 'sign_in', 'user', user.id, { ip: request.ip }, now);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.publicUrl.startsWith('https:'),
      expires: session.expiresAt,
    });
    return { user_id: user.id, csrf_token: session.csrfToken, expires_at: session.expiresAt.toISOString() };
  },
});
