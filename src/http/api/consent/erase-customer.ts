// POST: erase a customer's personal data by anonymization; counts and statistics stay. Audited.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { eraseCustomer } from '../../../commands/erase-customer.ts';

export const eraseCustomerRoute = defineRoute({
  method: 'POST',
  path: '/customers/:customerId/erase',
  summary: 'Erase a customer (anonymized, counts kept); audited',
  tag: 'Customers',
  auth: 'customers.write',
  isolation: 'tenant',
  params: z.strictObject({ customerId: id }),
  response: z.object({ customer_id: z.number(), vehicles: z.number(), messages: z.number() }),
  example: (ids) => ({ params: { customerId: ids.customerId } }),
  async handler({ db, scope, params, now }) {
    const out = await db
      .transaction()
      .execute((trx) => eraseCustomer(trx, scope, { customerId: params.customerId }, () => now));
    return { customer_id: out.customerId, vehicles: out.vehicles, messages: out.messages };
  },
});
