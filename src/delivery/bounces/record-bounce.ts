// A hard bounce stops email to that address: the customer becomes 'hard_bounced' (the engine and
// the worker then skip email) and the message is marked 'bounced'. Soft bounces only add a reason.
import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Keys } from '../../security/keys.ts';
import type { Bounce } from './parse-dsn.ts';

/** The shared secret a mail provider's bounce webhook presents (derived from SECRET_KEY). */
export function bounceWebhookSecret(keys: Keys): string {
  return createHmac('sha256', keys.sign).update('relance/bounce-webhook/v1').digest('hex');
}

export async function recordBounce(db: Kysely<DB>, bounce: Bounce, now: Date): Promise<{ messages: number; customers: number }> {
  return db.transaction().execute(async (trx) => {
    const reason = `bounce ${bounce.status}${bounce.diagnostic ? `: ${bounce.diagnostic}` : ''}`.slice(0, 500);
    const message = bounce.messageId
      ? await trx.selectFrom('messages').select(['org_id', 'id', 'customer_id']).where('provider_id', '=', bounce.messageId).executeTakeFirst()
      : undefined;
    let messages = 0;
    if (message) {
      const r = await trx
        .updateTable('messages')
        .set(bounce.hard ? { status: 'bounced', reason, updated_at: now } : { reason, updated_at: now })
        .where('org_id', '=', message.org_id)
        .where('id', '=', message.id)
        .executeTakeFirst();
      messages = Number(r.numUpdatedRows);
    }
    if (!bounce.hard) return { messages, customers: 0 };
    // The address is dead: every customer file with it (in the message's organization when we
    // know the message, else wherever the address is on file: the bounce address is shared).
    const updated = await sql<{ org_id: number; id: number }>`
      UPDATE customers SET email_status = 'hard_bounced', updated_at = ${now}
       WHERE lower(email) = lower(${bounce.recipient}) AND email_status <> 'hard_bounced'
         ${message ? sql`AND org_id = ${message.org_id}` : sql``}
      RETURNING org_id, id`.execute(trx);
    if (updated.rows.length) {
      await trx
        .insertInto('audit_log')
        .values(
          updated.rows.map((c) => ({
            org_id: c.org_id,
            at: now,
            actor_type: 'system' as const,
            actor_id: null,
            action: 'hard_bounce',
            entity: 'customer',
            entity_id: String(c.id),
            changes: JSON.stringify({ email_status: { from: 'ok', to: 'hard_bounced' }, status: bounce.status, message_id: bounce.messageId }),
          })),
        )
        .execute();
    }
    return { messages, customers: updated.rows.length };
  });
}
