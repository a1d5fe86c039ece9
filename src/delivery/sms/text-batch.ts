// What the send worker needs to send a claimed batch's texts, loaded set-based right after the
// claim (like loadSendContext and the still-valid check): the STOPs from the batch's numbers, the
// customers' consents for texts, each location's provider and quiet hours (auth token decrypted
// once per location), and the short links of the texts that can go, created in one INSERT (a retry
// keeps its link). One query per table for the whole batch instead of five round trips per text:
// at a provider's speed those round trips, not the HTTP call, were the send path's cost. The queue
// holds about a second of sends, as for the still-valid check: a STOP arriving in that second is
// applied from the next claim (the receiving command cancels what is still pending at once).
import { unknownNumberOf } from '../../domain/sms/staff-text.ts';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.ts';
import type { TextConsent } from '../../domain/sms/text-consent.ts';
import type { Keys } from '../../security/keys.ts';
import { key, type SendContext } from '../merge/load-send-context.ts';
import { SHORT_LINK_DAYS } from './short-links.ts';
import { DEFAULT_SEND_HOURS, loadTextSettings, type LocationTextSettings } from './sms-settings.ts';

export interface TextBatch {
  /** org|location|phone → the keyword the number texted (STOP, …, or undeliverable). */
  optOuts: Map<string, string>;
  /** org|customer → the customer's consents for texts. */
  consents: Map<string, TextConsent[]>;
  /** org|location → provider and quiet hours. */
  settings: Map<string, LocationTextSettings>;
  /** org|message → the text's short link (`{publicUrl}/t/ORG/CODE`). */
  links: Map<string, string>;
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];

export const textTo = (sc: SendContext, m: Message): string | null => {
  const c = m.customer_id !== null ? sc.customers.get(key(m.org_id, m.customer_id)) : undefined;
  return c?.mobile_phone?.trim() || unknownNumberOf(m);
};

export async function loadTextBatch(
  db: Kysely<DB>,
  keys: Keys,
  publicUrl: string,
  messages: Message[],
  sc: SendContext,
  now: Date,
): Promise<TextBatch> {
  const texts = messages.filter((m) => m.channel === 'sms');
  const batch: TextBatch = { optOuts: new Map(), consents: new Map(), settings: new Map(), links: new Map() };
  if (!texts.length) return batch;
  const orgIds = uniq(texts.map((m) => m.org_id));
  const phones = uniq(texts.flatMap((m) => textTo(sc, m) ?? []));
  const customerIds = uniq(texts.flatMap((m) => m.customer_id ?? []));
  const places = uniq(texts.map((m) => key(m.org_id, m.location_id))).map((k) => k.split('|').map(Number));
  const [optOuts, consents, settings] = await Promise.all([
    phones.length
      ? db
          .selectFrom('sms_opt_outs')
          .select(['org_id', 'location_id', 'phone', 'keyword'])
          .where('org_id', 'in', orgIds)
          .where('phone', 'in', phones)
          .execute()
      : [],
    customerIds.length
      ? db
          .selectFrom('customer_consents')
          .select(['org_id', 'customer_id', 'purpose', 'basis'])
          .where('org_id', 'in', orgIds)
          .where('customer_id', 'in', customerIds)
          .where('channel', '=', 'text')
          .execute()
      : [],
    Promise.all(places.map(([org, loc]) => loadTextSettings(db, keys, org!, loc!))),
  ]);
  for (const o of optOuts) batch.optOuts.set(`${o.org_id}|${o.location_id}|${o.phone}`, o.keyword);
  for (const c of consents) {
    const k = key(c.org_id, c.customer_id);
    batch.consents.set(k, [...(batch.consents.get(k) ?? []), { purpose: c.purpose, basis: c.basis }]);
  }
  for (const [i, [org, loc]] of places.entries())
    batch.settings.set(key(org!, loc!), settings[i] ?? { provider: null, ...DEFAULT_SEND_HOURS });
  // Short links only for texts to a customer (a link opens their portal) that have a number and
  // were not stopped: the rest never go out.
  const linked = texts.filter((m) => {
    if (m.customer_id === null) return false;
    const to = textTo(sc, m);
    return to !== null && !batch.optOuts.has(`${m.org_id}|${m.location_id}|${to}`);
  });
  if (linked.length) {
    const expires = new Date(now.getTime() + SHORT_LINK_DAYS * 86_400_000);
    const rows = sql.join(
      linked.map(
        (m) =>
          sql`(${m.org_id}::bigint, ${randomBytes(6).toString('base64url')}::text, ${m.customer_id}::bigint, ${m.id}::bigint)`,
      ),
    );
    const codes = await sql<{ org_id: number; message_id: number; code: string }>`
      INSERT INTO sms_links (org_id, code, customer_id, message_id, expires_at)
      SELECT v.org_id, v.code, v.customer_id, v.message_id, ${expires}::timestamptz
        FROM (VALUES ${rows}) AS v(org_id, code, customer_id, message_id)
      ON CONFLICT (org_id, message_id) DO UPDATE SET expires_at = excluded.expires_at
      RETURNING org_id, message_id, code`.execute(db);
    for (const r of codes.rows)
      batch.links.set(key(Number(r.org_id), Number(r.message_id)), `${publicUrl}/t/${r.org_id}/${r.code}`);
  }
  return batch;
}
