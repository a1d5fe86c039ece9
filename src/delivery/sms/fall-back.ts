// A text that cannot reach its number falls back along the channel order, whether the provider
// refused it at send time as final (deliver-text.ts) or a status callback said it failed
// (commands/record-text-status.ts): the number is marked undeliverable for the location
// (sms_opt_outs, keyword 'undeliverable', so the daily run and the worker stop texting it), and the
// same message is decided again, once, for the next usable channel of the kind's order (email or
// postcard; the channel SQL of the daily run, now that texts are not usable): a follow-on message
// with the dedupe key of the text plus '/after-sms' and a reason naming the text.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { UNDELIVERABLE } from '../../domain/sms/keywords.ts';
import { channelLateral, OUTBOX_COLUMNS, RULE_DAYS_SQL } from '../../engine/sql/channel.ts';

/**
 * Provider error codes (Twilio's) that say the number itself cannot take texts: invalid number
 * (21211), not a mobile number (21614), unreachable or not routable (21612), unsubscribed at the
 * provider (21610). Other refusals (bad credentials, missing sender) are the shop's set-up, not the
 * number's: the text fails without a fall-back.
 */
export const NUMBER_ERRORS: ReadonlySet<string> = new Set(['21211', '21610', '21612', '21614']);

/**
 * Marks the number undeliverable and inserts the follow-on message (or nothing: no usable
 * channel). `status` names what happened to the text in the follow-on's reason; `phone` is the
 * number the text went to (by default its conversation row, else the customer's mobile now). A
 * staff answer to a number that matches no customer marks the number, with no follow-on (no customer).
 */
export async function fallBackFromText(
  db: Kysely<DB>,
  orgId: number,
  messageId: number,
  status: string,
  now: Date,
  phone: string | null = null,
): Promise<{ id: number; channel: string } | null> {
  await sql`
    INSERT INTO sms_opt_outs (org_id, location_id, phone, keyword, opted_out_at)
    SELECT m.org_id, m.location_id, n.phone, ${UNDELIVERABLE}, ${now}
    FROM messages m LEFT JOIN customers c ON c.org_id = m.org_id AND c.id = m.customer_id
    CROSS JOIN LATERAL (SELECT coalesce(${phone}::text,
             (SELECT sc.phone FROM sms_conversation sc WHERE sc.org_id = m.org_id AND sc.message_id = m.id AND sc.direction = 'out' LIMIT 1),
             c.mobile_phone) AS phone) n
    WHERE m.org_id = ${orgId} AND m.id = ${messageId} AND n.phone IS NOT NULL
    ON CONFLICT (org_id, location_id, phone) DO NOTHING`.execute(db);
  const { rows } = await sql<{ id: number; channel: string }>`
    INSERT INTO messages (${sql.raw(OUTBOX_COLUMNS)})
    SELECT m.org_id, m.location_id, m.kind, ch.channel, m.recipient_type, m.customer_id, m.vehicle_id, m.appointment_id,
           m.repair_order_id, m.recipient_user_id, CASE WHEN ch.channel = 'email' THEN c.email ELSE m.recipient_email END,
           m.language, m.due_on, m.dedupe_key || '/after-sms', 'pending',
           ${`after text ${messageId} ${status}`}, m.payload, ${now}
    FROM messages m
    JOIN customers c ON c.org_id = m.org_id AND c.id = m.customer_id
    JOIN (SELECT org_id, id AS location_id, email_enabled, postcards_enabled, sms_enabled FROM locations) rl
      ON rl.org_id = m.org_id AND rl.location_id = m.location_id
    JOIN (${sql.raw(RULE_DAYS_SQL)} WHERE org_id = ${orgId} GROUP BY org_id, location_id, kind) rr
      ON rr.org_id = m.org_id AND rr.location_id = m.location_id AND rr.kind = m.kind
    LEFT JOIN vehicles v ON v.org_id = m.org_id AND v.id = m.vehicle_id
    ${sql.raw(channelLateral('v'))}
    WHERE m.org_id = ${orgId} AND m.id = ${messageId} AND ch.channel IN ('email', 'postcard')
    ON CONFLICT (org_id, dedupe_key) DO NOTHING
    RETURNING id, channel`.execute(db);
  const row = rows[0];
  return row ? { id: Number(row.id), channel: row.channel } : null;
}
