// POST: everything held about one customer (Québec Law 25, PIPEDA access request), as JSON (one
// array per table) and as CSV (table, row, field, value). Audited.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { exportCustomerData } from '../../../commands/export-customer-data.ts';

export const exportCustomerDataRoute = defineRoute({
  // POST: the export is an act that is audited (personal data leaves the service).
  method: 'POST',
  path: '/customers/:customerId/personal-data',
  summary: 'Export everything held about a customer (JSON and CSV); audited',
  tag: 'Customers',
  auth: 'customers.write',
  isolation: 'tenant',
  params: z.strictObject({ customerId: id }),
  response: z.object({
    customer_id: z.number(),
    data: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
    csv: z.string(),
  }),
  example: (ids) => ({ params: { customerId: ids.customerId } }),
  async handler({ db, scope, params, now }) {
    const out = await db
      .transaction()
      .execute((trx) => exportCustomerData(trx, scope, { customerId: params.customerId }, () => now));
    return { customer_id: params.customerId, data: out.json, csv: out.csv };
  },
});
