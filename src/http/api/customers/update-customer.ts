// PATCH a customer: only the fields sent change; the audit log records each one from → to.
// Turning Do Not Mail on records when and that staff did it.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { audit, diff } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { checkSalesRep } from './check-sales-rep.ts';
import { customerOut, presentCustomer, updateCustomerBody } from './schema.ts';

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
  example: (ids) => ({ params: { customerId: ids.customerId }, body: { do_not_mail: true, phone: '514-555-0199' } }),
  async handler({ db, scope, params, body, now }) {
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const before = await s.selectFrom('customers').selectAll().where('id', '=', params.customerId).forUpdate().executeTakeFirst();
      if (!before) throw notFound(`Customer ${params.customerId}`);
      if (body.sales_rep_user_id) await checkSalesRep(trx, scope, body.sales_rep_user_id);
      const dnm =
        body.do_not_mail === true && !before.do_not_mail
          ? { do_not_mail_at: now, do_not_mail_source: 'staff' }
          : body.do_not_mail === false && before.do_not_mail
            ? { do_not_mail_at: null, do_not_mail_source: null }
            : {};
      const after = await s
        .updateTable('customers')
        .set({ ...body, ...dnm, updated_at: now })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const changes = diff(before, body);
      if (Object.keys(changes).length > 0) await audit(trx, scope, 'update', 'customer', before.id, changes, now);
      return presentCustomer(after);
    });
  },
});
