import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';

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
    await db.transaction().execute(async (trx) => {
      const row = await scoped(trx, scope).deleteFrom('customers').where('id', '=', params.customerId).returning(['id', 'customer_number', 'mailing_name']).executeTakeFirst();
      if (!row) throw notFound(`Customer ${params.customerId}`);
      await audit(trx, scope, 'delete', 'customer', row.id, { customer_number: row.customer_number, mailing_name: row.mailing_name }, now);
    });
  },
});
