// A hard bounce stops email to that address: the customer becomes 'hard_bounced' (the engine and
// the worker then skip email) and the message is marked 'bounced'. Soft bounces only add a reason.
// A bounce always acts inside ONE organization, never across tenants: the organization named by
// the per-organization webhook secret, or else the organization of the message the bounce quotes
// (Message-ID). A bounce that names neither changes nothing.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Keys } from '../../security/keys.ts';
import type { Bounce } from './parse-dsn.ts';

/**
 * The installation's secret, for one shared bounce mailbox (BOUNCE_ADDRESS) forwarding every
 * organization's DSNs: such bounces act only when they quote one of our messages.
 */
export function bounceWebhookSecret(keys: Keys): string {
  return createHmac('sha256', keys.sign).update('relance/bounce-webhook/v1').digest('hex');
}

/** An organization's own secret, `o<orgId>.<hex>`: its bounces act inside that organization only. */
export function orgBounceWebhookSecret(keys: Keys, orgId: number): string {
  return `o${orgId}.${createHmac('sha256', keys.sign).update(`relance/bounce-webhook/v1/org/${orgId}`).digest('hex')}`;
}

/** Whom a presented secret stands for: an organization, the installation (orgId null), or nobody. */
export function checkBounceSecret(keys: Keys, given: string): { orgId: number | null } | null {
  const m = /^o(\d{1,15})\.[0-9a-f]{64}$/.exec(given);
  const orgId = m ? Number(m[1]) : null;
  const expected = Buffer.from(
    orgId !== null ? orgBounceWebhookSecret(keys, orgId) : bounceWebhookSecret(keys),
  );
  const presented = Buffer.from(given);
  return presented.length === expected.length && timingSafeEqual(presented, expected) ? { orgId } : null;
}

export interface BounceResult {
  messages: number;
  customers: number;
  /** 1 when the bounce could not be tied to an organization and was ignored. */
  unmatched: number;
}

export async function recordBounce(
  db: Kysely<DB>,
  bounce: Bounce,
  now: Date,
  orgId: number | null,
): Promise<BounceResult> {
  return db.transaction().execute(async (trx) => {
    const reason = `bounce ${bounce.status}${bounce.diagnostic ? `: ${bounce.diagnostic}` : ''}`.slice(
      0,
      500,
    );
    let find = trx.selectFrom('messages').select(['org_id', 'id', 'customer_id']);
    if (orgId !== null) find = find.where('org_id', '=', orgId);
    const message = bounce.messageId
      ? await find.where('provider_id', '=', bounce.messageId).executeTakeFirst()
      : undefined;
    const org = orgId ?? message?.org_id ?? null;
    if (org === null) return { messages: 0, customers: 0, unmatched: 1 };
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
    if (!bounce.hard) return { messages, customers: 0, unmatched: 0 };
    // The address is dead: every customer file with it in this organization (several locations
    // may hold the same person).
    const updated = await sql<{ org_id: number; id: number }>`
      UPDATE customers SET email_status = 'hard_bounced', updated_at = ${now}
       WHERE org_id = ${org} AND lower(email) = lower(${bounce.recipient}) AND email_status <> 'hard_bounced'
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
            changes: JSON.stringify({
              email_status: { from: 'ok', to: 'hard_bounced' },
              status: bounce.status,
              message_id: bounce.messageId,
            }),
          })),
        )
        .execute();
    }
    return { messages, customers: updated.rows.length, unmatched: 0 };
  });
}
