// The text inbox's reads (sms_conversation): one conversation per customer of a location, and one
// per number that matches no customer (customer_id NULL: someone not in the file texted the shop),
// latest first with its unread count (texts in not yet opened by staff), and one conversation's
// thread with the outbox status of each text sent. Callers pass a location the request may use
// (scoped).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Whose conversation: a customer's, or a number's that matches no customer. */
export type ConversationWith = { customerId: number } | { phone: string };

export interface ConversationRow {
  /** null: a number that matches no customer (then `mobile_phone` is that number). */
  customer_id: number | null;
  customer_name: string | null;
  mobile_phone: string | null;
  last_at: Date;
  last_body: string;
  last_direction: 'in' | 'out';
  unread: number;
}

/** The order's tie-breaker and the cursor's key: c<customer id, padded> or n<number>. */
const keyOf = (r: { customer_id: number | null; mobile_phone: string | null }) =>
  r.customer_id !== null ? `c${String(r.customer_id).padStart(20, '0')}` : `n${r.mobile_phone ?? ''}`;

export async function listConversations(
  db: Db,
  where: { org_id: number; location_id: number },
  opts: { limit: number; after?: { at: string; key: string }; unreadOnly?: boolean },
): Promise<{
  items: ConversationRow[];
  next: { at: string; key: string } | null;
  unreadTotal: number;
}> {
  const { org_id: org, location_id: loc } = where;
  const after = opts.after
    ? sql`AND (k.last_at, k.key) < (${opts.after.at}::timestamptz, ${opts.after.key}::text)`
    : sql``;
  const unreadOnly = opts.unreadOnly ? sql`AND k.unread > 0` : sql``;
  // One pass over the location's texts: each text's conversation key, then per key its latest
  // text (DISTINCT ON) and its counts.
  const rows = await sql<ConversationRow>`
    WITH g AS (
      SELECT customer_id, phone, at, id, body, direction, read_at,
             CASE WHEN customer_id IS NULL THEN 'n' || phone
                  ELSE 'c' || lpad(customer_id::text, 20, '0') END AS key
        FROM sms_conversation
       WHERE org_id = ${org} AND location_id = ${loc}),
    c AS (
      SELECT key, max(at) AS last_at,
             (count(*) FILTER (WHERE direction = 'in' AND read_at IS NULL))::int AS unread
        FROM g GROUP BY key),
    l AS (
      SELECT DISTINCT ON (key) key, customer_id, phone, body, direction
        FROM g ORDER BY key, at DESC, id DESC),
    k AS (
      SELECT c.key, c.last_at, c.unread, l.customer_id, l.phone, l.body, l.direction
        FROM c JOIN l ON l.key = c.key)
    SELECT k.customer_id::int AS customer_id, cu.mailing_name AS customer_name,
           CASE WHEN k.customer_id IS NULL THEN k.phone ELSE cu.mobile_phone END AS mobile_phone,
           k.last_at, k.body AS last_body, k.direction AS last_direction, k.unread
      FROM k
      LEFT JOIN customers cu ON cu.org_id = ${org} AND cu.id = k.customer_id
     WHERE (k.customer_id IS NULL OR cu.id IS NOT NULL) ${after} ${unreadOnly}
     ORDER BY k.last_at DESC, k.key DESC
     LIMIT ${opts.limit + 1}`.execute(db);
  const total = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM sms_conversation
     WHERE org_id = ${org} AND location_id = ${loc} AND direction = 'in' AND read_at IS NULL
       AND (customer_id IS NULL
            OR EXISTS (SELECT 1 FROM customers cu WHERE cu.org_id = ${org} AND cu.id = customer_id))`.execute(
    db,
  );
  const more = rows.rows.length > opts.limit;
  const items = rows.rows.slice(0, opts.limit).map((r) => ({
    ...r,
    customer_id: r.customer_id === null ? null : Number(r.customer_id),
    unread: Number(r.unread),
    last_at: new Date(r.last_at),
  }));
  const last = items.at(-1);
  return {
    items,
    next: more && last ? { at: last.last_at.toISOString(), key: keyOf(last) } : null,
    unreadTotal: Number(total.rows[0]?.n ?? 0),
  };
}

export interface ThreadText {
  id: number;
  direction: 'in' | 'out';
  body: string;
  at: Date;
  intent: string | null;
  read_at: Date | null;
  /** For texts sent: the outbox row's status and reason (pending, sent, held…). */
  status: string | null;
  reason: string | null;
}

/** The latest texts of a conversation at a location (before `beforeId`), newest first. */
export async function loadThread(
  db: Db,
  where: { org_id: number; location_id: number },
  who: ConversationWith,
  opts: { limit: number; beforeId?: number },
): Promise<{ items: ThreadText[]; next: number | null }> {
  let q = db
    .selectFrom('sms_conversation as t')
    .leftJoin('messages as m', (j) => j.onRef('m.org_id', '=', 't.org_id').onRef('m.id', '=', 't.message_id'))
    .select([
      't.id',
      't.direction',
      't.body',
      't.at',
      't.intent',
      't.read_at',
      'm.status as status',
      'm.reason as reason',
    ])
    .where('t.org_id', '=', where.org_id)
    .where('t.location_id', '=', where.location_id)
    .where((eb) =>
      'customerId' in who
        ? eb('t.customer_id', '=', who.customerId)
        : eb.and([eb('t.customer_id', 'is', null), eb('t.phone', '=', who.phone)]),
    );
  if (opts.beforeId) q = q.where('t.id', '<', opts.beforeId);
  const rows = await q
    .orderBy('t.id', 'desc')
    .limit(opts.limit + 1)
    .execute();
  const more = rows.length > opts.limit;
  const items = rows.slice(0, opts.limit).map((r) => ({
    ...r,
    id: Number(r.id),
    direction: r.direction,
    status: r.status ?? null,
    reason: r.reason ?? null,
  }));
  return { items, next: more ? items.at(-1)!.id : null };
}
