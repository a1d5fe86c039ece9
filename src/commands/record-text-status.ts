// The provider's status callback for a text we sent (MessageSid = the message's provider_id):
// queued, sent, delivered, undelivered, failed. The last word is kept on the message
// (provider_status); a text that could not be delivered (undelivered, failed) is marked bounced
// with the provider's error code, as a hard-bounced email is. Callbacks can arrive out of order:
// a final status is never replaced by an earlier one.
// A failed number falls back along the channel order (delivery/sms/fall-back.ts, shared with a
// text the provider refuses at send time): the number is marked undeliverable for the location and
// the same message is decided again, once, for the next usable channel. A replayed callback finds
// the text already final and does nothing.
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { fallBackFromText } from '../delivery/sms/fall-back.ts';

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
  const fallback = await fallBackFromText(trx, scope.orgId, m.id, input.status, now);
  return { messageId: m.id, status: row.status, ...(fallback ? { fallback } : {}) };
}
