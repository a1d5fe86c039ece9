// DELETE /customers/:customerId/text-undeliverable: clear the mark a failed text left on the
// customer's mobile number at their location, after staff fixed or checked the number (audited).
// A STOP the customer texted stays: only their START undoes it.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { clearTextUndeliverable } from '../../../commands/clear-text-undeliverable.ts';

export const clearTextUndeliverableRoute = defineRoute({
  method: 'DELETE',
  path: '/customers/:customerId/text-undeliverable',
  summary: 'Clear the undeliverable mark on the customer’s mobile number (texts resume; audited)',
  tag: 'Customers',
  auth: 'customers.write',
  isolation: 'tenant',
  params: z.strictObject({ customerId: id }),
  response: z.object({
    customer_id: z.number(),
    mobile_phone: z.string().nullable(),
    cleared: z.boolean().describe('false when the number carried no undeliverable mark'),
  }),
  example: (ids) => ({ params: { customerId: ids.customerId } }),
  handler: ({ db, scope, params, now }) =>
    db
      .transaction()
      .execute((trx) => clearTextUndeliverable(trx, scope, { customerId: params.customerId }, now)),
});
