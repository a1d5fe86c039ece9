// POST /session: sign in with email and password. Sets the HttpOnly session cookie and returns
// the CSRF token to send as X-CSRF-Token on unsafe methods. Rate-limited per address and
// account, per account and per address (src/accounts/attempt-limits.ts).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { HttpError } from '../../errors.ts';
import { sessionCookieOptions, signInWithPassword } from '../../../accounts/sign-in.ts';
import { SESSION_COOKIE } from '../../../accounts/sessions.ts';

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
  async handler({ ctx, body, request, reply, now }) {
    const result = await signInWithPassword(ctx, request.ip, body.email, body.password, now);
    if (!result.ok && result.reason === 'too_many_attempts') {
      reply.header('Retry-After', String(result.retryAfter));
      throw new HttpError(
        429,
        'too_many_attempts',
        `Too many sign-in attempts; try again in ${result.retryAfter} seconds`,
        undefined,
        { seconds: result.retryAfter },
      );
    }
    if (!result.ok) throw new HttpError(401, 'invalid_credentials', 'Wrong email or password', 'password');
    reply.setCookie(
      SESSION_COOKIE,
      result.session.token,
      sessionCookieOptions(ctx.config.publicUrl, result.session.expiresAt),
    );
    return {
      user_id: result.userId,
      csrf_token: result.session.csrfToken,
      expires_at: result.session.expiresAt.toISOString(),
    };
  },
});
