import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { customerOut, presentCustomer } from './schema.ts';

export const getCustomerRoute = defineRoute({
  method: 'GET',
  path: '/customers/:customerId',
  summary: 'Customer contact card with vehicles',
  tag: 'Customers',
  auth: 'customers.read',
  isolation: 'tenant',
  params: z.strictObject({ customerId: id }),
  response: customerOut.extend({
    vehicles: z.array(z.object({ id: z.number(), vin: z.string(), year: z.number().nullable(), make: z.string().nullable(), model: z.string().nullable(), plate: z.string().nullable(), status: z.string() })),
  }),
  example: (ids) => ({ params: { customerId: ids.customerId } }),
  async handler({ s, params }) {
    const customer = await s.selectFrom('customers').selectAll().where('id', '=', params.customerId).executeTakeFirst();
    if (!customer) throw notFound(`Customer ${params.customerId}`);
    const vehicles = await s
      .selectFrom('vehicles')
      .select(['id', 'vin', 'year', 'make', 'model', 'plate', 'status'])
      .where('customer_id', '=', customer.id)
      .orderBy('id')
      .execute();
    return { ...presentCustomer(customer), vehicles };
  },
});
