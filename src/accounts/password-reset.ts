// Password reset by email: a random token stored as its SHA-256, valid one hour, used once.
// The email, in the user's language, goes out through the delivery mailer (SMTP, or the local
// mail catcher); the link opens the page of src/http/public/reset-password.ts.
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.ts';
import type { DB } from '../db/schema.ts';
import type { Language } from '../domain/language.ts';
import { staffText } from '../i18n/staff-strings.ts';
import { createMailer } from '../delivery/email/mailer.ts';
import { AppError } from '../errors/app-error.ts';
import { hashPassword } from '../security/passwords.ts';
import { audit } from './audit.ts';
import { hashSecret, newSecret } from './tokens.ts';
import { normalEmail } from './attempt-limits.ts';
import { accessAudit, findAccount } from './sign-in.ts';

const VALID_MS = 3600_000;

export async function requestPasswordReset(
  ctx: AppContext,
  email: string,
  now: Date,
  ip = '',
): Promise<void> {
  const account = await findAccount(ctx.db, email);
  await accessAudit(ctx.db, account, 'password_reset_requested', { ip, email: normalEmail(email) }, now);
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'org_id', 'language'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user) return;
  const token = newSecret();
  await ctx.db
    .insertInto('password_resets')
    .values({
      token_hash: hashSecret(token),
      user_id: user.id,
      expires_at: new Date(now.getTime() + VALID_MS),
    })
    .execute();
  const link = `${ctx.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  const language = user.language;
  const mailer = createMailer(ctx.config, ctx.db);
  try {
    await mailer.send(
      {
        from: ctx.config.MAIL_FROM,
        to: user.email,
        subject: staffText(language, 'reset_email_subject'),
        text: staffText(language, 'reset_email_text', { name: user.name, link }),
        headers: { 'Content-Language': language },
      },
      user.org_id ?? undefined,
    );
  } finally {
    mailer.close();
  }
}

/**
 * Whose reset token this is (for the page's language) and whether it can still be used; null
 * for a token we never issued.
 */
export async function findResetUser(
  db: Kysely<DB>,
  token: string,
  now: Date,
): Promise<{ userId: number; language: Language; usable: boolean } | null> {
  const row = await db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select([
      'users.id',
      'users.language',
      'users.disabled_at',
      'password_resets.used_at',
      'password_resets.expires_at',
    ])
    .where('password_resets.token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!row) return null;
  return {
    userId: row.id,
    language: row.language,
    usable: !row.used_at && row.expires_at.getTime() > now.getTime() && !row.disabled_at,
  };
}

export async function resetPassword(
  ctx: AppContext,
  token: string,
  password: string,
  now: Date,
): Promise<void> {
  const hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    // Claim the token atomically: a second use (or a concurrent one) finds nothing to update.
    const reset = await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', hashSecret(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    if (!reset)
      throw new AppError(
        400,
        'invalid_token',
        'This reset link is invalid, already used or expired; ask for a new one',
        'token',
      );
    // A link asked for before the account was disabled must not bring it back.
    const user = await trx
      .updateTable('users')
      .set({ password_hash: hash })
      .where('id', '=', reset.user_id)
      .where('disabled_at', 'is', null)
      .returning(['id', 'org_id', 'is_platform_admin'])
      .executeTakeFirst();
    if (!user)
      throw new AppError(
        400,
        'invalid_token',
        'This reset link is invalid, already used or expired; ask for a new one',
        'token',
      );
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await audit(
      trx,
      {
        orgId: user.org_id ?? 0,
        actor: { type: user.is_platform_admin ? 'operator' : 'user', id: user.id },
        userId: user.id,
        locationIds: [],
      },
      'reset_password',
      'user',
      user.id,
      {},
      now,
    );
  });
}
