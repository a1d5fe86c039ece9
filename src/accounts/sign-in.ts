// Password sign-in shared by the API (POST /api/v1/session) and the HTML sign-in form of the
// local mailbox: rate limit, argon2 check, a new session, an audit entry.
import type { AppContext } from '../context.ts';
import { audit } from './audit.ts';
import { checkLogin } from './find-user-for-login.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { createSession } from './sessions.ts';

export type SignInResult =
  | { ok: true; userId: number; session: { token: string; csrfToken: string; expiresAt: Date } }
  | { ok: false; reason: 'too_many_attempts'; retryAfter: number }
  | { ok: false; reason: 'invalid_credentials' };

export async function signInWithPassword(ctx: AppContext, limiter: LoginLimiter, ip: string, email: string, password: string, now: Date): Promise<SignInResult> {
  const wait = limiter.retryAfter(ip, email, now);
  if (wait > 0) return { ok: false, reason: 'too_many_attempts', retryAfter: wait };
  const user = await checkLogin(ctx.db, email, password);
  if (!user) {
    limiter.recordFailure(ip, email, now);
    return { ok: false, reason: 'invalid_credentials' };
  }
  limiter.clear(ip, email);
  const session = await createSession(ctx.db, user.id, now);
  await audit(ctx.db, { orgId: user.org_id ?? 0, actor: { type: user.is_platform_admin ? 'operator' : 'user', id: user.id }, userId: user.id, locationIds: [] }, 'sign_in', 'user', user.id, { ip }, now);
  return { ok: true, userId: user.id, session };
}

/** Options of the session cookie: HttpOnly, SameSite=Lax, Secure whenever the service is reached over https. */
export function sessionCookieOptions(publicUrl: string, expires: Date) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: publicUrl.startsWith('https:'), expires };
}
