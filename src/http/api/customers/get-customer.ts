import { z } from 'zod';
import { sql } from 'kysely';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { customerOut, presentCustomer } from './schema.ts';
import { loadCustomerConsents } from '../../../commands/load-customer-consents.ts';
import { consentOut } from '../consent/consent-schema.ts';
import { localDateTime } from '../../../domain/time/dates.ts';

type Vehicle = {
  id: number;
  vin: string;
  year: number | null;
  make: string | null;
  model: string | null;
  plate: string | null;
  status: string;
};

export const getCustomerRoute = defineRoute({
  method: 'GET',
  path: '/customers/:customerId',
  summary: 'Customer contact card with vehicles',
  tag: 'Customers',
  auth: 'customers.read',
  isolation: 'tenant',
  params: z.strictObject({ customerId: id }),
  response: customerOut.extend({
    vehicles: z.array(
      z.object({
        id: z.number(),
        vin: z.string(),
        year: z.number().nullable(),
        make: z.string().nullable(),
        model: z.string().nullable(),
        plate: z.string().nullable(),
        status: z.string(),
      }),
    ),
    /** Consent per channel and purpose, with its expiry (GET …/consents has the history). */
    consents: z.array(consentOut),
  }),
  example: (ids) => ({ params: { customerId: ids.customerId } }),
  async handler({ db, s, scope, params, now }) {
    // One round trip (the card is the most read page): vehicles come in a subquery held to the
    // same organization and scope locations as the customer.
    const row = await s
      .selectFrom('customers')
      .selectAll()
      .select(
        sql<Vehicle[]>`coalesce((
          SELECT json_agg(json_build_object('id', v.id, 'vin', v.vin, 'year', v.year, 'make', v.make, 'model', v.model, 'plate', v.plate, 'status', v.status) ORDER BY v.id)
          FROM vehicles v
          WHERE v.org_id = customers.org_id AND v.customer_id = customers.id AND v.location_id = ANY(${sql.val(scope.locationIds)}::bigint[])
        ), '[]'::json)`.as('vehicles'),
      )
      .where('id', '=', params.customerId)
      .executeTakeFirst();
    if (!row) throw notFound(`Customer ${params.customerId}`);
    const { vehicles, ...customer } = row;
    const location = await s.getLocation(customer.location_id);
    const { consents } = await loadCustomerConsents(
      db,
      scope.orgId,
      customer,
      localDateTime(now, location.time_zone).date,
    );
    return { ...presentCustomer(customer), vehicles, consents };
  },
});
