// Short links for texts: /t/ORG/CODE, 8 random characters, one per message (a retry reuses it),
// leading to the customer's portal sign-in (http/public/short-link.ts), for 60 days like the
// signed link an email carries. A signed token would be ~150 characters: a segment on its own.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const SHORT_LINK_DAYS = 60;

export async function shortLinkFor(
  db: Kysely<DB>,
  publicUrl: string,
  m: { org_id: number; id: number; customer_id: number },
  now: Date,
): Promise<string> {
  const code = randomBytes(6).toString('base64url');
  const expires = new Date(now.getTime() + SHORT_LINK_DAYS * 86_400_000);
  const row = await sql<{ code: string }>`
    INSERT INTO sms_links (org_id, code, customer_id, message_id, expires_at)
    VALUES (${m.org_id}, ${code}, ${m.customer_id}, ${m.id}, ${expires})
    ON CONFLICT (org_id, message_id) DO UPDATE SET expires_at = excluded.expires_at
    RETURNING code`.execute(db);
  return `${publicUrl}/t/${m.org_id}/${row.rows[0]!.code}`;
}

/** The customer a live short link signs in, or null (unknown or expired). */
export async function resolveShortLink(
  db: Kysely<DB>,
  orgId: number,
  code: string,
  now: Date,
): Promise<{ customerId: number } | null> {
  const row = await db
    .selectFrom('sms_links')
    .select('customer_id')
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { customerId: row.customer_id } : null;
}
