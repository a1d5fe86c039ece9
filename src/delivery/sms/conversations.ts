// The text inbox's reads (sms_conversation): one conversation per customer of a location, latest
// first with its unread count (texts in not yet opened by staff), and one customer's thread with
// the outbox status of each text sent. Callers pass a location the request may use (scoped).
// Texts from numbers that match no customer (customer_id NULL) are not listed.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface ConversationRow {
  customer_id: number;
  customer_name: string;
  mobile_phone: string | null;
  last_at: Date;
  last_body: string;
  last_direction: 'in' | 'out';
  unread: number;
}

export async function listConversations(
  db: Db,
  where: { org_id: number; location_id: number },
  opts: { limit: number; after?: { at: string; customerId: number }; unreadOnly?: boolean },
): Promise<{
  items: ConversationRow[];
  next: { at: string; customerId: number } | null;
  unreadTotal: number;
}> {
  const { org_id: org, location_id: loc } = where;
  const after = opts.after
    ? sql`AND (c.last_at, c.customer_id) < (${opts.after.at}::timestamptz, ${opts.after.customerId}::bigint)`
    : sql``;
  const unreadOnly = opts.unreadOnly ? sql`AND c.unread > 0` : sql``;
  const rows = await sql<ConversationRow>`
    WITH c AS (
      SELECT customer_id, max(at) AS last_at,
             (count(*) FILTER (WHERE direction = 'in' AND read_at IS NULL))::int AS unread
        FROM sms_conversation
       WHERE org_id = ${org} AND location_id = ${loc} AND customer_id IS NOT NULL
       GROUP BY customer_id)
    SELECT c.customer_id::int AS customer_id, cu.mailing_name AS customer_name, cu.mobile_phone,
           c.last_at, l.body AS last_body, l.direction AS last_direction, c.unread
      FROM c
      JOIN customers cu ON cu.org_id = ${org} AND cu.id = c.customer_id
      JOIN LATERAL (SELECT x.body, x.direction FROM sms_conversation x
                     WHERE x.org_id = ${org} AND x.location_id = ${loc} AND x.customer_id = c.customer_id
                     ORDER BY x.at DESC, x.id DESC LIMIT 1) l ON true
     WHERE true ${after} ${unreadOnly}
     ORDER BY c.last_at DESC, c.customer_id DESC
     LIMIT ${opts.limit + 1}`.execute(db);
  const total = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM sms_conversation
     WHERE org_id = ${org} AND location_id = ${loc} AND customer_id IS NOT NULL
       AND direction = 'in' AND read_at IS NULL`.execute(db);
  const more = rows.rows.length > opts.limit;
  const items = rows.rows.slice(0, opts.limit).map((r) => ({
    ...r,
    customer_id: Number(r.customer_id),
    unread: Number(r.unread),
    last_at: new Date(r.last_at),
  }));
  const last = items.at(-1);
  return {
    items,
    next: more && last ? { at: last.last_at.toISOString(), customerId: last.customer_id } : null,
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

/** The latest texts of a customer's conversation at a location (before `beforeId`), newest first. */
export async function loadThread(
  db: Db,
  where: { org_id: number; location_id: number },
  customerId: number,
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
    .where('t.customer_id', '=', customerId);
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
