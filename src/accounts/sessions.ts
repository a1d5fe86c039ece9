// Staff sessions: a random cookie value stored as its SHA-256, with a CSRF token for the
// double-submit check on unsafe methods. 12 hours, then sign in again.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { hashSecret, newSecret } from './tokens.ts';

export const SESSION_COOKIE = 'relance_session';
export const SESSION_HOURS = 12;

export async function createSession(
  db: Kysely<DB>,
  userId: number,
  now: Date,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashSecret(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashSecret(token)).execute();
}
