import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { deleteCustomer } from '../../../commands/delete-customer.ts';

export const deleteCustomerRoute = defineRoute({
  method: 'DELETE',
  path: '/customers/:customerId',
  summary: 'Delete a customer (and their appointments; vehicles and repair orders are kept, unlinked)',
  tag: 'Customers',
  auth: 'customers.write',
  isolation: 'tenant',
  status: 204,
  params: z.strictObject({ customerId: id }),
  response: z.undefined(),
  example: (ids) => ({ params: { customerId: ids.customerId } }),
  async handler({ db, scope, params, now }) {
    await db
      .transaction()
      .execute((trx) => deleteCustomer(trx, scope, { customerId: params.customerId }, now));
  },
});
