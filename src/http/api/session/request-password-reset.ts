// POST /password-reset: emails a one-use reset link (1 hour). Always answers 202, whether the
// account exists or not, and in the same time: the answer only counts the request against the
// limits; finding the account, making the token and mailing it happen after the answer.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { HttpError } from '../../errors.ts';
import { inBackground } from '../../state.ts';
import { requestPasswordReset } from '../../../accounts/password-reset.ts';
import { attemptWait, recordAttempt } from '../../../accounts/attempt-limits.ts';

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
    // Its own budget, with the sign-in limits: nobody can flood an inbox with reset emails, nor
    // mail every account from one address.
    const wait = await attemptWait(ctx.db, 'reset', request.ip, body.email, now);
    if (wait) {
      reply.header('Retry-After', String(wait.seconds));
      throw new HttpError(
        429,
        'too_many_attempts',
        `Too many reset requests; try again in ${wait.seconds} seconds`,
        undefined,
        { seconds: wait.seconds },
      );
    }
    await recordAttempt(ctx.db, 'reset', request.ip, body.email, now);
    inBackground(state, requestPasswordReset(ctx, body.email, now, request.ip), request.log);
    return { ok: true as const };
  },
});
