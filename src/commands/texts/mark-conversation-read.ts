// Staff opened a customer's conversation in the inbox: its texts in are read from now on.
import type { Transaction } from 'kysely';
import { audit } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';

export async function markConversationRead(
  trx: Transaction<DB>,
  scope: Scope,
  input: { locationId: number; customerId: number },
  now: Date,
): Promise<{ marked: number }> {
  const s = scoped(trx, scope);
  const where = s.location(input.locationId, 'locationId');
  const customer = await s
    .selectFrom('customers')
    .select('id')
    .where('id', '=', input.customerId)
    .where('location_id', '=', where.location_id)
    .executeTakeFirst();
  if (!customer) throw new AppError(404, 'not_found', `Customer ${input.customerId} not found`, 'customerId');
  const result = await s
    .updateTable('sms_conversation')
    .set({ read_at: now })
    .where('location_id', '=', where.location_id)
    .where('customer_id', '=', customer.id)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  const marked = Number(result.numUpdatedRows);
  await audit(trx, scope, 'read_texts', 'customer', customer.id, { marked }, now);
  return { marked };
}
