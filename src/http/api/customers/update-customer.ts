// PATCH a customer: only the fields sent change; the audit log records each one from → to.
// Turning Do Not Mail on records when and that staff did it.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { customerOut, presentCustomer, updateCustomerBody } from './schema.ts';
import { updateCustomer } from '../../../commands/update-customer.ts';

export const updateCustomerRoute = defineRoute({
  method: 'PATCH',
  path: '/customers/:customerId',
  summary: 'Edit a customer (audited)',
  tag: 'Customers',
  auth: 'customers.write',
  isolation: 'tenant',
  params: z.strictObject({ customerId: id }),
  body: updateCustomerBody,
  response: customerOut,
  example: (ids) => ({
    params: { customerId: ids.customerId },
    body: { do_not_mail: true, phone: '514-555-0199' },
  }),
  handler: ({ db, scope, params, body, now }) =>
    db
      .transaction()
      .execute(async (trx) =>
        presentCustomer(
          await updateCustomer(trx, scope, { customerId: params.customerId, fields: body }, now),
        ),
      ),
});
