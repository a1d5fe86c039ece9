// The provider's status callback for a text we sent (MessageSid = the message's provider_id):
// queued, sent, delivered, undelivered, failed. The last word is kept on the message
// (provider_status); a text that could not be delivered (undelivered, failed) is marked bounced
// with the provider's error code, as a hard-bounced email is. Callbacks can arrive out of order:
// a final status is never replaced by an earlier one.
// A failed number falls back along the channel order: the number is marked undeliverable for the
// location (sms_opt_outs, keyword 'undeliverable', so the daily run and the worker stop texting
// it), and the same message is decided again, once, for the next usable channel of the kind's
// order (email or postcard; the channel SQL of the daily run, now that texts are not usable): a
// follow-on message with the dedupe key of the text plus '/after-sms' and a reason naming the
// text. A replayed callback finds the text already final and does nothing.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { UNDELIVERABLE } from '../domain/sms/keywords.ts';
import { channelLateral, OUTBOX_COLUMNS, RULE_DAYS_SQL } from '../engine/sql/channel.ts';

export interface TextStatusInput {
  locationId: number;
  providerSid: string;
  status: string;
  errorCode: string | null;
}

const STEP: Record<string, number> = {
  accepted: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
};

export async function recordTextStatus(
  trx: Transaction<DB>,
  scope: Scope,
  input: TextStatusInput,
  now: Date,
): Promise<{ messageId: number | null; status: string | null; fallback?: { id: number; channel: string } }> {
  const m = await trx
    .selectFrom('messages')
    .select(['id', 'status', 'provider_status'])
    .where('org_id', '=', scope.orgId)
    .where('location_id', '=', input.locationId)
    .where('location_id', 'in', scope.locationIds)
    .where('channel', '=', 'sms')
    .where('provider_id', '=', input.providerSid)
    .forUpdate()
    .executeTakeFirst();
  if (!m) return { messageId: null, status: null };
  const step = STEP[input.status];
  if (step === undefined) return { messageId: m.id, status: m.status };
  const current = STEP[m.provider_status ?? ''] ?? -1;
  if (current === 4 || step <= current) return { messageId: m.id, status: m.status };
  const undelivered = input.status === 'undelivered' || input.status === 'failed';
  const row = await trx
    .updateTable('messages')
    .set({
      provider_status: input.status,
      provider_status_at: now,
      ...(undelivered && m.status === 'sent'
        ? {
            status: 'bounced' as const,
            reason: `text ${input.status}${input.errorCode ? ` (error ${input.errorCode})` : ''}`,
          }
        : {}),
      updated_at: now,
    })
    .where('org_id', '=', scope.orgId)
    .where('id', '=', m.id)
    .returning('status')
    .executeTakeFirstOrThrow();
  if (!(undelivered && m.status === 'sent' && row.status === 'bounced'))
    return { messageId: m.id, status: row.status };
  const fallback = await fallBack(trx, scope.orgId, m.id, input.status, now);
  return { messageId: m.id, status: row.status, ...(fallback ? { fallback } : {}) };
}

/** Marks the number undeliverable and inserts the follow-on message (or nothing: no usable channel). */
async function fallBack(
  trx: Transaction<DB>,
  orgId: number,
  messageId: number,
  status: string,
  now: Date,
): Promise<{ id: number; channel: string } | null> {
  // The number the text went to (its conversation row), else the customer's mobile now.
  await sql`
    INSERT INTO sms_opt_outs (org_id, location_id, phone, keyword, opted_out_at)
    SELECT m.org_id, m.location_id, coalesce(
             (SELECT sc.phone FROM sms_conversation sc WHERE sc.org_id = m.org_id AND sc.message_id = m.id AND sc.direction = 'out' LIMIT 1),
             c.mobile_phone), ${UNDELIVERABLE}, ${now}
    FROM messages m JOIN customers c ON c.org_id = m.org_id AND c.id = m.customer_id
    WHERE m.org_id = ${orgId} AND m.id = ${messageId}
      AND coalesce((SELECT sc.phone FROM sms_conversation sc WHERE sc.org_id = m.org_id AND sc.message_id = m.id AND sc.direction = 'out' LIMIT 1),
                   c.mobile_phone) IS NOT NULL
    ON CONFLICT (org_id, location_id, phone) DO NOTHING`.execute(trx);
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
    RETURNING id, channel`.execute(trx);
  const row = rows[0];
  return row ? { id: Number(row.id), channel: row.channel } : null;
}
