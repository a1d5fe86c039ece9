import { defineRoute } from '../define.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { checkSalesRep } from './check-sales-rep.ts';
import { createCustomerBody, customerOut, exampleCustomer, presentCustomer } from './schema.ts';

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
  async handler({ db, scope, body, now }) {
    const { location_id, ...fields } = body;
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const keys = s.location(location_id);
      if (fields.sales_rep_user_id) await checkSalesRep(trx, scope, fields.sales_rep_user_id);
      const row = await trx
        .insertInto('customers')
        .values({ ...keys, ...fields, ...(fields.do_not_mail ? { do_not_mail_at: now, do_not_mail_source: 'staff' } : {}), created_at: now, updated_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, scope, 'create', 'customer', row.id, fields, now);
      return presentCustomer(row);
    });
  },
});
