// POST /password-reset: emails a one-use reset link (1 hour). Always answers 202, whether the
// account exists or not, so the endpoint does not reveal who has an account.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { HttpError } from '../../errors.ts';
import { requestPasswordReset } from '../../../accounts/password-reset.ts';

export const requestPasswordResetRoute = defineRoute({
  method: 'POST',
  path: '/password-reset',
  summary: 'Email a password reset link',
  tag: 'Session',
  auth: 'public',
  isolation: { exempt: 'takes an email address, no tenant ids' },
  status: 202,
  body: z.strictObject({ email: z.string().trim().min(3).max(320) }),
  response: z.object({ ok: z.literal(true) }),
  example: () => ({ body: { email: 'owner@garage.test' } }),
  async handler({ ctx, body, now, request, reply, state }) {
    // Same window as sign-in, on its own key: nobody can flood an inbox with reset emails.
    const key = `reset:${body.email}`;
    const wait = state.loginLimiter.retryAfter(request.ip, key, now);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      throw new HttpError(429, 'too_many_attempts', `Too many reset requests; try again in ${wait} seconds`);
    }
    state.loginLimiter.recordFailure(request.ip, key, now);
    await requestPasswordReset(ctx, body.email, now);
    return { ok: true as const };
  },
});
