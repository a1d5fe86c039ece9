// Before a text goes out again after its worker died mid-send (messages.unsure_since: the lease
// expired with no outcome recorded), ask where it went whether the earlier attempt arrived. With a
// provider on loopback nearly every text in flight at a kill -9 has been accepted before its
// worker records it; sending those again doubled them. Twilio's API can be asked what it accepted
// (List Messages, To = the number, newest first); the catcher keeps the outbox row's id.
// A match: the same number, exactly the same body (a text to a customer carries its own short
// link, kept across attempts), the same sender (From, or the messaging service), an outbound
// message created at or after the earlier attempt's start less CLOCK_SKEW_MS, and a SID that no
// other outbox row holds (two staff answers with the same words). The caller then records it as a
// normal send (SentRecorder: status sent, provider id, conversation line), so status callbacks
// find it. A lookup that fails (provider down, 5xx, auth, an API without the list) answers
// `unknown`: the caller sends again, as before this check: a double is better than a loss.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { listTextsTo, type ListedText, type SmsProviderSettings } from './provider.ts';

/** The provider's clock against ours: a message created this long before the attempt still counts. */
export const CLOCK_SKEW_MS = 2 * 60_000;

export type EarlierAttempt =
  | { found: true; sid: string; status: string; errorCode: string | null }
  | { found: false }
  | { found: 'unknown'; reason: string };

/** SIDs taken by a reconcile of this process and not yet recorded: two rows never take one SID. */
const taking = new Set<string>();

export async function findEarlierAttempt(
  db: Kysely<DB>,
  provider: SmsProviderSettings | null,
  m: { org_id: number; id: number; unsure_since: Date | null },
  text: { to: string; body: string },
): Promise<EarlierAttempt> {
  if (!m.unsure_since) return { found: false };
  if (!provider) {
    // The catcher: the row's caught text, if the dead worker caught it.
    const caught = await db
      .selectFrom('caught_texts')
      .select('id')
      .where('org_id', '=', m.org_id)
      .where('message_id', '=', m.id)
      .orderBy('id')
      .executeTakeFirst();
    return caught
      ? { found: true, sid: `caught-${m.org_id}-${caught.id}`, status: 'delivered', errorCode: null }
      : { found: false };
  }
  const since = new Date(new Date(m.unsure_since).getTime() - CLOCK_SKEW_MS);
  let listed: ListedText[];
  try {
    listed = await listTextsTo(provider, text.to, since);
  } catch (err) {
    return { found: 'unknown', reason: (err as Error).message };
  }
  const candidates = listed.filter(
    (l) =>
      l.to === text.to &&
      l.body === text.body &&
      (l.direction === null || l.direction.startsWith('outbound')) &&
      (provider.messagingServiceSid
        ? l.messagingServiceSid === provider.messagingServiceSid
        : l.from === provider.fromNumber) &&
      !taking.has(l.sid),
  );
  if (!candidates.length) return { found: false };
  const held = await sql<{ provider_id: string }>`
    SELECT provider_id FROM messages
     WHERE org_id = ${m.org_id} AND channel = 'sms' AND id <> ${m.id}
       AND provider_id = ANY(${candidates.map((c) => c.sid)}::text[])`.execute(db);
  const other = new Set(held.rows.map((r) => r.provider_id));
  // The oldest free one: the earlier attempt's, when the same words went out twice since.
  const match = candidates.filter((c) => !other.has(c.sid)).at(-1);
  if (!match) return { found: false };
  taking.add(match.sid);
  return { found: true, sid: match.sid, status: match.status, errorCode: match.errorCode };
}

/** The SID is recorded (or its record failed): another row may look at it again. */
export function releaseTaken(sid: string): void {
  taking.delete(sid);
}
