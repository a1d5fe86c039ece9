// Password sign-in shared by the API (POST /api/v1/session) and the HTML sign-in form of the
// local mailbox: the database-backed limits (attempt-limits.ts), argon2 check, a new session,
// and audit entries for the sign-in, each failure and each lockout (in the account's
// organization when the email names an account, else in the installation's log: org 0).
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import { DEMO_LOGIN } from '../demo/first-start.ts';
import { attemptWait, forgiveAccount, normalEmail, recordAttempt } from './attempt-limits.ts';
import { checkLogin } from './find-user-for-login.ts';
import { createSession } from './sessions.ts';

export type SignInResult =
  | { ok: true; userId: number; session: { token: string; csrfToken: string; expiresAt: Date } }
  | { ok: false; reason: 'too_many_attempts'; retryAfter: number }
  | { ok: false; reason: 'invalid_credentials' };

export async function signInWithPassword(
  ctx: AppContext,
  ip: string,
  email: string,
  password: string,
  now: Date,
): Promise<SignInResult> {
  const wait = await attemptWait(ctx.db, 'sign_in', ip, email, now);
  if (wait) return { ok: false, reason: 'too_many_attempts', retryAfter: wait.seconds };
  // The README's demo password never opens anything in production, even on a database that
  // was filled in development.
  const published = ctx.config.NODE_ENV === 'production' && password === DEMO_LOGIN.password;
  const user = published ? null : await checkLogin(ctx.db, email, password);
  if (!user) {
    await recordAttempt(ctx.db, 'sign_in', ip, email, now);
    const account = await findAccount(ctx.db, email);
    await accessAudit(ctx.db, account, 'sign_in_failed', { ip, email: normalEmail(email) }, now);
    const locked = await attemptWait(ctx.db, 'sign_in', ip, email, now);
    if (locked)
      await accessAudit(
        ctx.db,
        account,
        'sign_in_locked',
        { ip, email: normalEmail(email), limit: locked.limit, seconds: locked.seconds },
        now,
      );
    return { ok: false, reason: 'invalid_credentials' };
  }
  await forgiveAccount(ctx.db, 'sign_in', email);
  const session = await createSession(ctx.db, user.id, now);
  await accessAudit(ctx.db, user, 'sign_in', { ip }, now);
  return { ok: true, userId: user.id, session };
}

export interface Account {
  id: number;
  org_id: number | null;
  is_platform_admin: boolean;
}

export async function findAccount(db: Kysely<DB>, email: string): Promise<Account | null> {
  return (
    (await db
      .selectFrom('users')
      .select(['id', 'org_id', 'is_platform_admin'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', normalEmail(email)))
      .executeTakeFirst()) ?? null
  );
}

/**
 * An audit entry about an account's access (sign-in, failure, lockout, reset request), in the
 * account's organization (the installation's log, org 0, for an email that names no
 * account or an operator). Only a successful sign-in names the account as its actor: whoever
 * failed or asked for a reset is not known ('system').
 */
export async function accessAudit(
  db: Kysely<DB>,
  account: Account | null,
  action: string,
  changes: Record<string, unknown>,
  now: Date,
): Promise<void> {
  const signedIn = action === 'sign_in' && account;
  await db
    .insertInto('audit_log')
    .values({
      org_id: account?.org_id ?? 0,
      actor_type: signedIn ? (account.is_platform_admin ? 'operator' : 'user') : 'system',
      actor_id: signedIn ? account.id : null,
      action,
      entity: 'user',
      entity_id: account ? String(account.id) : null,
      changes: JSON.stringify(changes),
      at: now,
    })
    .execute();
}

/** Options of the session cookie: HttpOnly, SameSite=Lax, Secure whenever the service is reached over https. */
export function sessionCookieOptions(publicUrl: string, expires: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: publicUrl.startsWith('https:'),
    expires,
  };
}
