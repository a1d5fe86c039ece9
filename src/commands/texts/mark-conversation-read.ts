// Staff opened a conversation in the inbox (a customer's, or a number's that matches no customer):
// its texts in are read from now on.
import type { Transaction } from 'kysely';
import { audit } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import type { ConversationWith } from '../../delivery/sms/conversations.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { unknownNumberAt } from './answer-unknown-number.ts';

export async function markConversationRead(
  trx: Transaction<DB>,
  scope: Scope,
  input: { locationId: number } & ConversationWith,
  now: Date,
): Promise<{ marked: number }> {
  const s = scoped(trx, scope);
  const where = s.location(input.locationId, 'locationId');
  let customerId: number | null = null;
  if ('customerId' in input) {
    const customer = await s
      .selectFrom('customers')
      .select('id')
      .where('id', '=', input.customerId)
      .where('location_id', '=', where.location_id)
      .executeTakeFirst();
    if (!customer)
      throw new AppError(404, 'not_found', `Customer ${input.customerId} not found`, 'customerId');
    customerId = customer.id;
  } else await unknownNumberAt(trx, scope, where.location_id, input.phone);
  const result = await s
    .updateTable('sms_conversation')
    .set({ read_at: now })
    .where('location_id', '=', where.location_id)
    .where((eb) =>
      customerId !== null
        ? eb('customer_id', '=', customerId)
        : eb.and([eb('customer_id', 'is', null), eb('phone', '=', (input as { phone: string }).phone)]),
    )
    .where('read_at', 'is', null)
    .executeTakeFirst();
  const marked = Number(result.numUpdatedRows);
  if (customerId !== null) await audit(trx, scope, 'read_texts', 'customer', customerId, { marked }, now);
  else
    await audit(
      trx,
      scope,
      'read_texts',
      'location',
      where.location_id,
      { phone: (input as { phone: string }).phone, marked },
      now,
    );
  return { marked };
}
