// Portal sessions: a customer's, apart from staff sessions (own table, own cookie). A random secret
// in the cookie ("pORG.SECRET": the organization is named so the lookup stays on its shard), its
// SHA-256 in the table; bounded to 12 hours whatever the activity, so a
// shared or lost phone does not stay signed in for long.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { hashSecret, newSecret } from '../accounts/tokens.ts';

export const PORTAL_SESSION_MS = 12 * 3600_000;
export const PORTAL_COOKIE = 'relance_portal';

export async function createPortalSession(
  db: Kysely<DB>,
  who: { orgId: number; customerId: number },
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret(`p${who.orgId}.`);
  const expiresAt = new Date(now.getTime() + PORTAL_SESSION_MS);
  await db
    .insertInto('portal_sessions')
    .values({
      token_hash: hashSecret(token),
      org_id: who.orgId,
      customer_id: who.customerId,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt };
}

/** The customer behind a session cookie, or null (unknown, expired, or the customer erased). */
export async function findPortalSession(
  db: Kysely<DB>,
  token: string | undefined,
  now: Date,
): Promise<{ orgId: number; customerId: number } | null> {
  const orgId = orgOf(token, 'p');
  if (orgId === null) return null;
  const row = await db
    .selectFrom('portal_sessions')
    .select(['org_id', 'customer_id'])
    .where('org_id', '=', orgId)
    .where('token_hash', '=', hashSecret(token!))
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { orgId: row.org_id, customerId: row.customer_id } : null;
}

export async function endPortalSession(db: Kysely<DB>, token: string | undefined): Promise<void> {
  const orgId = orgOf(token, 'p');
  if (orgId !== null)
    await db
      .deleteFrom('portal_sessions')
      .where('org_id', '=', orgId)
      .where('token_hash', '=', hashSecret(token!))
      .execute();
}

/** The organization a portal secret names ("PREFIX ORG . 43 random chars"), or null if malformed. */
export function orgOf(token: string | undefined, prefix: '' | 'p'): number | null {
  const m = token ? /^([a-z]?)([1-9][0-9]{0,15})\.[A-Za-z0-9_-]{43}$/.exec(token) : null;
  return m && m[1] === prefix ? Number(m[2]) : null;
}
