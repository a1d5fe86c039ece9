// Create a customer at one of the scope's locations (audited). Do Not Mail set at creation is
// staff's decision, stamped through the one rule.
import type { Transaction } from 'kysely';
import type { Customer, DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { audit } from '../accounts/audit.ts';
import { checkSalesRep } from './check-sales-rep.ts';
import type { CustomerFields } from './customer-fields.ts';
import { doNotMailChange } from './set-do-not-mail.ts';

export type CreateCustomerInput = CustomerFields & {
  location_id: number;
  customer_number: string;
  mailing_name: string;
};

export async function createCustomer(
  trx: Transaction<DB>,
  scope: Scope,
  input: CreateCustomerInput,
  now: Date,
): Promise<Customer> {
  const { location_id, ...fields } = input;
  const keys = scoped(trx, scope).location(location_id);
  if (fields.sales_rep_user_id) await checkSalesRep(trx, scope, fields.sales_rep_user_id);
  const dnm = fields.do_not_mail ? doNotMailChange(null, true, 'staff', now) : null;
  const row = await trx
    .insertInto('customers')
    .values({ ...keys, ...fields, ...dnm, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, scope, 'create', 'customer', row.id, fields, now);
  return row;
}
