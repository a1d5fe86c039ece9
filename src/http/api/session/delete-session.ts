// DELETE /session: sign out (the session row is deleted, the cookie cleared).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { deleteSession, SESSION_COOKIE } from '../../../accounts/sessions.ts';

export const deleteSessionRoute = defineRoute({
  method: 'DELETE',
  path: '/session',
  summary: 'Sign out',
  tag: 'Session',
  auth: 'session',
  isolation: { exempt: 'acts on the caller’s own session' },
  status: 204,
  response: z.undefined(),
  async handler({ ctx, request, reply }) {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await deleteSession(ctx.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  },
});
