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
  // The conversations (grouped, one hash aggregate) are ordered and cut to the page first; only
  // then is each one's latest text read, through the index on (org_id, customer_id, at).
  const rows = await sql<ConversationRow>`
    WITH c AS (
      SELECT customer_id, CASE WHEN customer_id IS NULL THEN phone END AS number, max(at) AS last_at,
             (count(*) FILTER (WHERE direction = 'in' AND read_at IS NULL))::int AS unread
        FROM sms_conversation
       WHERE org_id = ${org} AND location_id = ${loc}
       GROUP BY customer_id, CASE WHEN customer_id IS NULL THEN phone END),
    k AS (
      SELECT c.*, CASE WHEN customer_id IS NULL THEN 'n' || number
                       ELSE 'c' || lpad(customer_id::text, 20, '0') END AS key
        FROM c),
    page AS (
      SELECT k.*, cu.mailing_name, cu.mobile_phone
        FROM k
        LEFT JOIN customers cu ON cu.org_id = ${org} AND cu.id = k.customer_id
       WHERE (k.customer_id IS NULL OR cu.id IS NOT NULL) ${after} ${unreadOnly}
       ORDER BY k.last_at DESC, k.key DESC
       LIMIT ${opts.limit + 1})
    SELECT p.customer_id::int AS customer_id, p.mailing_name AS customer_name,
           CASE WHEN p.customer_id IS NULL THEN p.number ELSE p.mobile_phone END AS mobile_phone,
           p.last_at, coalesce(lc.body, ln.body) AS last_body,
           coalesce(lc.direction, ln.direction) AS last_direction, p.unread
      FROM page p
      LEFT JOIN LATERAL (SELECT x.body, x.direction FROM sms_conversation x
                          WHERE x.org_id = ${org} AND x.customer_id = p.customer_id AND x.location_id = ${loc}
                          ORDER BY x.at DESC, x.id DESC LIMIT 1) lc ON p.customer_id IS NOT NULL
      LEFT JOIN LATERAL (SELECT x.body, x.direction FROM sms_conversation x
                          WHERE x.org_id = ${org} AND x.customer_id IS NULL AND x.location_id = ${loc}
                            AND x.phone = p.number
                          ORDER BY x.at DESC, x.id DESC LIMIT 1) ln ON p.customer_id IS NULL
     ORDER BY p.last_at DESC, p.key DESC`.execute(db);
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
