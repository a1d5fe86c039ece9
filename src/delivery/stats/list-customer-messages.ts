// Every message decided for one customer, for the contact card: what went out, what was held
// back or failed and why. Within one organization.
import type { Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.ts';

export type CustomerMessage = Pick<
  Message,
  | 'id'
  | 'location_id'
  | 'kind'
  | 'channel'
  | 'status'
  | 'reason'
  | 'language'
  | 'due_on'
  | 'sent_at'
  | 'attempts'
  | 'provider_id'
  | 'vehicle_id'
  | 'created_at'
>;

/** Every message decided for one customer (sent, held, failed, bounced…), newest first. */
export async function listCustomerMessages(
  db: Kysely<DB>,
  orgId: number,
  customerId: number,
): Promise<CustomerMessage[]> {
  return db
    .selectFrom('messages')
    .select([
      'id',
      'location_id',
      'kind',
      'channel',
      'status',
      'reason',
      'language',
      'due_on',
      'sent_at',
      'attempts',
      'provider_id',
      'vehicle_id',
      'created_at',
    ])
    .where('org_id', '=', orgId)
    .where('customer_id', '=', customerId)
    .orderBy('due_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}
