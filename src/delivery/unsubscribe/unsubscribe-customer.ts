// The customer's opt-out from a message link or a one-click List-Unsubscribe POST: immediate,
// no login, recorded in the audit log, for every record of the address in the organization
// (src/commands/unsubscribe-address.ts); a visitor's address also goes into email_suppressions.
// Idempotent: a second click changes nothing.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Language } from '../../domain/language.ts';
import { verifyToken, type Keys } from '../../security/keys.ts';
import { linkSigner } from '../../security/signed-links.ts';
import type { UnsubscribeToken } from '../merge/links.ts';
import { unsubscribeAddress, type UnsubscribeChoice } from '../../commands/unsubscribe-address.ts';

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
export async function findUnsubscribeTarget(
  db: Kysely<DB>,
  keys: Keys,
  token: string,
  now: Date,
): Promise<UnsubscribeTarget | null> {
  const p =
    linkSigner(keys, () => now).verify('unsubscribe', token) ?? legacyUnsubscribeToken(keys, token, now);
  if (!p || p.org === null) return null;
  if (p.customer !== null) {
    const row = await db
      .selectFrom('customers as c')
      .innerJoin('locations as l', (j) =>
        j.onRef('l.org_id', '=', 'c.org_id').onRef('l.id', '=', 'c.location_id'),
      )
      .select([
        'c.id',
        'c.email',
        'c.language',
        'c.do_not_mail',
        'l.language as location_language',
        'l.business_name',
        'l.name',
      ])
      .where('c.org_id', '=', p.org)
      .where('c.id', '=', p.customer)
      .executeTakeFirst();
    if (!row) return null;
    return {
      orgId: p.org,
      customerId: row.id,
      messageId: p.message,
      email: row.email,
      language: row.language ?? row.location_language,
      businessName: row.business_name ?? row.name,
      alreadyUnsubscribed: row.do_not_mail,
    };
  }
  // A visitor (not in the file): the address is the one their message went to; it is suppressed.
  if (p.message === null) return null;
  const msg = await db
    .selectFrom('messages as m')
    .innerJoin('locations as l', (j) =>
      j.onRef('l.org_id', '=', 'm.org_id').onRef('l.id', '=', 'm.location_id'),
    )
    .leftJoin('email_suppressions as s', (j) =>
      j.onRef('s.org_id', '=', 'm.org_id').on('s.email', '=', sql<string>`lower(m.recipient_email)`),
    )
    .select([
      'm.language',
      'm.recipient_email',
      'm.customer_id',
      'l.business_name',
      'l.name',
      's.email as suppressed',
    ])
    .where('m.org_id', '=', p.org)
    .where('m.id', '=', p.message)
    .executeTakeFirst();
  if (!msg || msg.customer_id !== null || !msg.recipient_email) return null;
  return {
    orgId: p.org,
    customerId: null,
    messageId: p.message,
    email: msg.recipient_email,
    language: msg.language,
    businessName: msg.business_name ?? msg.name,
    alreadyUnsubscribed: msg.suppressed !== null,
  };
}

// Unsubscribe links mailed before links were bound to a purpose (JSON tokens): still honoured,
// since people open old mail, but only in the unsubscribe shape our code wrote ({o,c,m[,e]} in
// that order). A survey token of that time was {o,m,c}: it does not unsubscribe. They expire on
// their own (five years after sending).
function legacyUnsubscribeToken(keys: Keys, token: string, now: Date): UnsubscribeToken | null {
  if (!token.includes('.')) return null;
  const check = verifyToken<Record<string, unknown>>(keys, token, now);
  if (!check.ok) return null;
  const names = Object.keys(check.payload).filter((k) => k !== 'exp' && k !== 'e');
  if (names.join(',') !== 'o,c,m') return null;
  const id = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : null);
  return { org: id(check.payload.o), customer: id(check.payload.c), message: id(check.payload.m) };
}

/** The customer's own opt-out, for every record of the address in the organization. */
export async function unsubscribe(
  db: Kysely<DB>,
  target: UnsubscribeTarget,
  source: UnsubscribeSource,
  now: Date,
  choice: UnsubscribeChoice = 'everything',
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (target.customerId === null && target.email) {
      const added = await trx
        .insertInto('email_suppressions')
        .values({
          org_id: target.orgId,
          email: target.email.toLowerCase(),
          source,
          message_id: target.messageId,
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['org_id', 'email']).doNothing())
        .returning('email')
        .executeTakeFirst();
      // Already suppressed: a repeated one-click POST changes nothing and is not logged again.
      if (!added) return;
    }
    await unsubscribeAddress(
      trx,
      { orgId: target.orgId },
      { customerId: target.customerId, email: target.email, choice, source, messageId: target.messageId },
      () => now,
    );
  });
}
