import { z } from 'zod';
import { sql } from 'kysely';
import { defineRoute } from '../define.ts';
import { id, instant, page, sortedListQuery } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { keysetSorted, parseSort, sortedPage, type SortColumns } from '../../../db/keyset-sort.ts';
import { appointmentOut, appointmentOutColumns, STATUSES } from './schema.ts';

/**
 * The columns appointments sort by (`sort=starts_at`, `sort=-customer_name`); by id without.
 * Qualified by the subquery `a`: the outer select's own `starts_at` is the formatted text.
 */
export const APPOINTMENT_SORTS: SortColumns = {
  starts_at: { ref: 'a.starts_at', type: 'timestamptz' },
  ends_at: { ref: 'a.ends_at', type: 'timestamptz' },
  status: { ref: 'a.status', type: 'text' },
  customer_name: { ref: 'a.customer_name', type: 'text', nullable: true },
  created_at: { ref: 'a.created_at', type: 'timestamptz' },
};

const item = appointmentOut.extend({ customer_name: z.string().nullable() });
type Item = z.input<typeof item> & { id: number };

export const listAppointmentsRoute = defineRoute({
  method: 'GET',
  path: '/appointments',
  summary:
    'List appointments (filter by location, time range, mechanic, customer, status), sorted by a column',
  tag: 'Appointments',
  auth: 'appointments.read',
  isolation: 'tenant',
  query: z.strictObject({
    ...sortedListQuery(APPOINTMENT_SORTS),
    location_id: id.optional(),
    from: instant.optional(),
    to: instant.optional(),
    mechanic_id: id.optional(),
    customer_id: id.optional(),
    status: z.enum(STATUSES).optional(),
  }),
  // The customer's mailing name, so a calendar can label its events without one request each.
  response: page(item),
  example: (ids) => ({
    query: { location_id: ids.locationId, from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' },
  }),
  async handler({ ctx, s, query }) {
    let q = s
      .selectFrom('appointments')
      .selectAll()
      .select(
        sql<
          string | null
        >`(SELECT c.mailing_name FROM customers c WHERE c.org_id = appointments.org_id AND c.id = appointments.customer_id)`.as(
          'customer_name',
        ),
      );
    if (query.location_id) q = q.where('location_id', '=', s.location(query.location_id).location_id);
    if (query.from) q = q.where('ends_at', '>', new Date(query.from));
    if (query.to) q = q.where('starts_at', '<', new Date(query.to));
    if (query.mechanic_id)
      q = q.where(
        'mechanic_id',
        '=',
        (await s.find('mechanics', query.mechanic_id, 'Mechanic', 'mechanic_id')).id,
      );
    if (query.customer_id)
      q = q.where(
        'customer_id',
        '=',
        (await s.find('customers', query.customer_id, 'Customer', 'customer_id')).id,
      );
    if (query.status) q = q.where('status', '=', query.status);
    // Rows leave as PostgreSQL wrote them (the response projection keeps the documented fields).
    const out = ctx.db
      .selectFrom(q.as('a'))
      .select(appointmentOutColumns('a'))
      .select('a.customer_name')
      .$castTo<Item>();
    if (query.sort) {
      // Sorted on the outside so the customer's name is a column the sort can name.
      const sort = parseSort(APPOINTMENT_SORTS, query.sort);
      const rows = await keysetSorted(out, sort, 'a.id', query.cursor, query.limit).execute();
      return sortedPage(rows, query.limit, sort, (row) => row);
    }
    const rows = await out
      .where('a.id', '>', decodeCursor(query.cursor))
      .orderBy('a.id')
      .limit(query.limit + 1)
      .execute();
    return pageOf(rows, query.limit, (row) => row);
  },
});
