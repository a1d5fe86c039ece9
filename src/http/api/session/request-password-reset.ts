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
    // Its own limiter, with the sign-in limits: per IP and email nobody can flood an inbox with
    // reset emails, and per IP nobody can mail every account.
    const wait = state.resetLimiter.retryAfter(request.ip, body.email, now);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      throw new HttpError(429, 'too_many_attempts', `Too many reset requests; try again in ${wait} seconds`, undefined, { seconds: wait });
    }
    state.resetLimiter.recordFailure(request.ip, body.email, now);
    await requestPasswordReset(ctx, body.email, now);
    return { ok: true as const };
  },
});
