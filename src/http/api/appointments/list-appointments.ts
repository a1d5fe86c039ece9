import { z } from 'zod';
import { sql } from 'kysely';
import { defineRoute } from '../define.ts';
import { id, instant, listQuery, page } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { appointmentOut, presentAppointment, STATUSES } from './schema.ts';

export const listAppointmentsRoute = defineRoute({
  method: 'GET',
  path: '/appointments',
  summary: 'List appointments (filter by location, time range, mechanic, customer, status)',
  tag: 'Appointments',
  auth: 'appointments.read',
  isolation: 'tenant',
  query: z.strictObject({
    ...listQuery,
    location_id: id.optional(),
    from: instant.optional(),
    to: instant.optional(),
    mechanic_id: id.optional(),
    customer_id: id.optional(),
    status: z.enum(STATUSES).optional(),
  }),
  // The customer's mailing name, so a calendar can label its events without one request each.
  response: page(appointmentOut.extend({ customer_name: z.string().nullable() })),
  example: (ids) => ({
    query: { location_id: ids.locationId, from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' },
  }),
  async handler({ s, query }) {
    let q = s
      .selectFrom('appointments')
      .selectAll()
      .select(
        sql<
          string | null
        >`(SELECT c.mailing_name FROM customers c WHERE c.org_id = appointments.org_id AND c.id = appointments.customer_id)`.as(
          'customer_name',
        ),
      )
      .where('id', '>', decodeCursor(query.cursor))
      .orderBy('id')
      .limit(query.limit + 1);
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
    return pageOf(await q.execute(), query.limit, ({ customer_name, ...a }) => ({
      ...presentAppointment(a),
      customer_name,
    }));
  },
});
