import { z } from 'zod';
import { sql } from 'kysely';
import { defineRoute } from '../define.ts';
import { id, page, qBool, sortedListQuery } from '../schemas.ts';
import { keysetSorted, parseSort, sortedPage, type SortColumns } from '../../../db/keyset-sort.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { customerOut, presentCustomer } from './schema.ts';

/** The columns a customer list sorts by (`sort=mailing_name`, `sort=-created_at`). */
export const CUSTOMER_SORTS: SortColumns = {
  customer_number: { ref: 'customer_number', type: 'text' },
  mailing_name: { ref: 'mailing_name', type: 'text' },
  email: { ref: 'email', type: 'text', nullable: true },
  phone: { ref: 'phone', type: 'text', nullable: true },
  city: { ref: 'city', type: 'text', nullable: true },
  last_visit_on: { ref: 'last_visit_on', type: 'date', nullable: true },
  created_at: { ref: 'created_at', type: 'timestamptz' },
};

export const listCustomersRoute = defineRoute({
  method: 'GET',
  path: '/customers',
  summary: 'List customers (filter by location, text, Do Not Mail; sort by a column)',
  tag: 'Customers',
  auth: 'customers.read',
  isolation: 'tenant',
  query: z.strictObject({
    ...sortedListQuery(CUSTOMER_SORTS),
    location_id: id.optional(),
    q: z.string().trim().min(1).max(100).optional(),
    do_not_mail: qBool.optional(),
    customer_number: z.string().max(50).optional(),
  }),
  response: page(customerOut),
  example: (ids) => ({ query: { location_id: ids.locationId, q: 'gagnon', limit: 20 } }),
  async handler({ s, query }) {
    let q = s.selectFrom('customers').selectAll();
    if (query.location_id) q = q.where('location_id', '=', s.location(query.location_id).location_id);
    if (query.do_not_mail !== undefined) q = q.where('do_not_mail', '=', query.do_not_mail);
    if (query.customer_number) q = q.where('customer_number', '=', query.customer_number);
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(
        sql<boolean>`(mailing_name ILIKE ${like} OR email ILIKE ${like} OR customer_number ILIKE ${like} OR phone ILIKE ${like})`,
      );
    }
    if (query.sort) {
      const sort = parseSort(CUSTOMER_SORTS, query.sort);
      const rows = await keysetSorted(q, sort, 'id', query.cursor, query.limit).execute();
      return sortedPage(rows, query.limit, sort, presentCustomer);
    }
    q = q
      .where('id', '>', decodeCursor(query.cursor))
      .orderBy('id')
      .limit(query.limit + 1);
    return pageOf(await q.execute(), query.limit, presentCustomer);
  },
});
