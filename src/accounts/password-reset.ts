// Password reset by email: a random token stored as its SHA-256, valid one hour, used once.
// The email goes out through the delivery mailer (SMTP, or the local mail catcher).
import type { AppContext } from '../context.ts';
import { createMailer } from '../delivery/email/mailer.ts';
import { HttpError } from '../http/errors.ts';
import { hashPassword } from '../security/passwords.ts';
import { audit } from './audit.ts';
import { hashSecret, newSecret } from './tokens.ts';

const VALID_MS = 3600_000;

export async function requestPasswordReset(ctx: AppContext, email: string, now: Date): Promise<void> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'org_id'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user) return;
  const token = newSecret();
  await ctx.db.insertInto('password_resets').values({ token_hash: hashSecret(token), user_id: user.id, expires_at: new Date(now.getTime() + VALID_MS) }).execute();
  const link = `${ctx.config.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
  const mailer = createMailer(ctx.config, ctx.db);
  try {
    await mailer.send(
      {
        from: ctx.config.MAIL_FROM,
        to: user.email,
        subject: 'Reset your Relance password',
        text: `Hello ${user.name},\n\nTo choose a new password, open this link within one hour:\n${link}\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n`,
      },
      user.org_id ?? undefined,
    );
  } finally {
    mailer.close();
  }
}

export async function resetPassword(ctx: AppContext, token: string, password: string, now: Date): Promise<void> {
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
    if (!reset) throw new HttpError(400, 'invalid_token', 'This reset link is invalid, already used or expired; ask for a new one', 'token');
    const user = await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', reset.user_id).returning(['id', 'org_id', 'is_platform_admin']).executeTakeFirstOrThrow();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await audit(trx, { orgId: user.org_id ?? 0, actor: { type: user.is_platform_admin ? 'operator' : 'user', id: user.id }, userId: user.id, locationIds: [] }, 'reset_password', 'user', user.id, {}, now);
  });
}
