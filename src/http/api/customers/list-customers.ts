import { z } from 'zod';
import { sql } from 'kysely';
import { defineRoute } from '../define.ts';
import { id, listQuery, page, qBool } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { customerOut, presentCustomer } from './schema.ts';

export const listCustomersRoute = defineRoute({
  method: 'GET',
  path: '/customers',
  summary: 'List customers (filter by location, text, Do Not Mail)',
  tag: 'Customers',
  auth: 'customers.read',
  isolation: 'tenant',
  query: z.strictObject({
    ...listQuery,
    location_id: id.optional(),
    q: z.string().trim().min(1).max(100).optional(),
    do_not_mail: qBool.optional(),
    customer_number: z.string().max(50).optional(),
  }),
  response: page(customerOut),
  example: (ids) => ({ query: { location_id: ids.locationId, q: 'gagnon', limit: 20 } }),
  async handler({ s, query }) {
    let q = s
      .selectFrom('customers')
      .selectAll()
      .where('id', '>', decodeCursor(query.cursor))
      .orderBy('id')
      .limit(query.limit + 1);
    if (query.location_id) q = q.where('location_id', '=', s.location(query.location_id).location_id);
    if (query.do_not_mail !== undefined) q = q.where('do_not_mail', '=', query.do_not_mail);
    if (query.customer_number) q = q.where('customer_number', '=', query.customer_number);
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(
        sql<boolean>`(mailing_name ILIKE ${like} OR email ILIKE ${like} OR customer_number ILIKE ${like} OR phone ILIKE ${like})`,
      );
    }
    return pageOf(await q.execute(), query.limit, presentCustomer);
  },
});
