// setOwnLanguage: a signed-in user picks the language of their console, their errors and the
// emails sent to them. Any staff role may (it changes only the caller), audited like other writes.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { audit } from './audit.ts';

export async function setOwnLanguage(
  db: Kysely<DB>,
  scope: Scope,
  input: { language: 'en' | 'fr' | 'es' },
  now: Date,
): Promise<void> {
  if (scope.userId === null) return;
  const userId = scope.userId;
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('users')
      .select('language')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    if (before.language === input.language) return;
    await trx.updateTable('users').set({ language: input.language }).where('id', '=', userId).execute();
    await audit(
      trx,
      scope,
      'update',
      'user',
      userId,
      { language: { from: before.language, to: input.language } },
      now,
    );
  });
}
