// POST /password-reset/confirm: sets a new password with the emailed token (one use, 1 hour);
// every session of the user is closed.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { resetPassword } from '../../../accounts/password-reset.ts';

export const resetPasswordRoute = defineRoute({
  method: 'POST',
  path: '/password-reset/confirm',
  summary: 'Set a new password with a reset token',
  tag: 'Session',
  auth: 'public',
  isolation: { exempt: 'takes a reset token, no tenant ids' },
  body: z.strictObject({
    token: z.string().min(10).max(200),
    password: z.string().min(10, 'must be at least 10 characters').max(200),
  }),
  response: z.object({ ok: z.literal(true) }),
  example: () => ({ body: { token: 'token-from-the-email', password: 'a new long password' } }),
  async handler({ ctx, body, now }) {
    await resetPassword(ctx, body.token, body.password, now);
    return { ok: true as const };
  },
});
