// Password sign-in. Unknown emails still pay for one argon2 verification, so response time does
// not tell whether an account exists.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { hashPassword, verifyPassword } from '../security/passwords.ts';

let dummyHash: Promise<string> | null = null;

export async function checkLogin(
  db: Kysely<DB>,
  email: string,
  password: string,
): Promise<{ id: number; org_id: number | null; is_platform_admin: boolean } | null> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'org_id', 'is_platform_admin', 'password_hash', 'disabled_at'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  if (!user || !user.password_hash || user.disabled_at) {
    await verifyPassword(await (dummyHash ??= hashPassword('not a real password')), password);
    return null;
  }
  if (!(await verifyPassword(user.password_hash, password))) return null;
  return { id: user.id, org_id: user.org_id, is_platform_admin: user.is_platform_admin };
}
