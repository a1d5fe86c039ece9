import { defineRoute } from '../define.ts';
import { createCustomerBody, customerOut, exampleCustomer, presentCustomer } from './schema.ts';
import { createCustomer } from '../../../commands/create-customer.ts';

export const createCustomerRoute = defineRoute({
  method: 'POST',
  path: '/customers',
  summary: 'Create a customer',
  tag: 'Customers',
  auth: 'customers.write',
  isolation: 'tenant',
  status: 201,
  body: createCustomerBody,
  response: customerOut,
  example: (ids) => ({ body: { location_id: ids.locationId, ...exampleCustomer } }),
  handler: ({ db, scope, body, now }) =>
    db.transaction().execute(async (trx) => presentCustomer(await createCustomer(trx, scope, body, now))),
});
