// Do Not Mail from a message link or a one-click List-Unsubscribe POST: immediate, no login,
// recorded in the audit log. Idempotent: a second click changes nothing and logs nothing.
import type { Kysely } from 'kysely';
import type { DB, Language } from '../../db/schema.ts';
import { verifyToken, type Keys } from '../../security/keys.ts';
import type { UnsubscribeToken } from '../merge/links.ts';

export type UnsubscribeSource = 'list_unsubscribe' | 'unsubscribe_link';

export interface UnsubscribeTarget {
  orgId: number;
  customerId: number | null;
  messageId: number | null;
  email: string | null;
  language: Language;
  businessName: string;
  alreadyUnsubscribed: boolean;
}

/** Reads a token and what it points at; null when the token is bad, expired or points at nothing. */
export async function findUnsubscribeTarget(db: Kysely<DB>, keys: Keys, token: string, now: Date): Promise<UnsubscribeTarget | null> {
  const check = verifyToken<UnsubscribeToken>(keys, token, now);
  if (!check.ok) return null;
  const p = check.payload;
  if (p.c !== null && p.c !== undefined) {
    const row = await db
      .selectFrom('customers as c')
      .innerJoin('locations as l', (j) => j.onRef('l.org_id', '=', 'c.org_id').onRef('l.id', '=', 'c.location_id'))
      .select(['c.id', 'c.email', 'c.language', 'c.do_not_mail', 'l.language as location_language', 'l.business_name', 'l.name'])
      .where('c.org_id', '=', p.o)
      .where('c.id', '=', p.c)
      .executeTakeFirst();
    if (!row) return null;
    return { orgId: p.o, customerId: row.id, messageId: p.m, email: row.email, language: row.language ?? row.location_language, businessName: row.business_name ?? row.name, alreadyUnsubscribed: row.do_not_mail };
  }
  // A visitor (not in the file): nothing to flag, but the request is honoured and logged.
  const msg = p.m
    ? await db
        .selectFrom('messages as m')
        .innerJoin('locations as l', (j) => j.onRef('l.org_id', '=', 'm.org_id').onRef('l.id', '=', 'm.location_id'))
        .select(['m.language', 'l.business_name', 'l.name'])
        .where('m.org_id', '=', p.o)
        .where('m.id', '=', p.m)
        .executeTakeFirst()
    : undefined;
  return { orgId: p.o, customerId: null, messageId: p.m, email: p.e ?? null, language: msg?.language ?? 'en', businessName: msg?.business_name ?? msg?.name ?? '', alreadyUnsubscribed: false };
}

export async function unsubscribe(db: Kysely<DB>, target: UnsubscribeTarget, source: UnsubscribeSource, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (target.customerId !== null) {
      const changed = await trx
        .updateTable('customers')
        .set({ do_not_mail: true, do_not_mail_at: now, do_not_mail_source: source, updated_at: now })
        .where('org_id', '=', target.orgId)
        .where('id', '=', target.customerId)
        .where('do_not_mail', '=', false)
        .executeTakeFirst();
      if (Number(changed.numUpdatedRows) === 0) return;
    }
    await trx
      .insertInto('audit_log')
      .values({
        org_id: target.orgId,
        at: now,
        actor_type: 'customer',
        actor_id: target.customerId,
        action: 'unsubscribe',
        entity: target.customerId !== null ? 'customer' : 'visitor',
        entity_id: target.customerId !== null ? String(target.customerId) : target.email,
        changes: JSON.stringify({ do_not_mail: { from: false, to: true }, source, message_id: target.messageId }),
      })
      .execute();
  });
}
