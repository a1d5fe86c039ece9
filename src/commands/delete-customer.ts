// Delete a customer (their appointments go with them; vehicles and repair orders are kept,
// unlinked, by the foreign keys). Audited with the number and name, since the row is gone.
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { audit } from '../accounts/audit.ts';
import { notFound } from '../errors/app-error.ts';

export async function deleteCustomer(
  trx: Transaction<DB>,
  scope: Scope,
  input: { customerId: number },
  now: Date,
): Promise<void> {
  const row = await scoped(trx, scope)
    .deleteFrom('customers')
    .where('id', '=', input.customerId)
    .returning(['id', 'location_id', 'customer_number', 'mailing_name'])
    .executeTakeFirst();
  if (!row) throw notFound(`Customer ${input.customerId}`);
  await audit(
    trx,
    scope,
    'delete',
    'customer',
    row.id,
    { customer_number: row.customer_number, mailing_name: row.mailing_name },
    now,
    row.location_id,
  );
}
