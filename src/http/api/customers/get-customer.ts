import { z } from 'zod';
import { sql } from 'kysely';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { customerOut, presentCustomer } from './schema.ts';
import { loadCustomerConsents } from '../../../commands/load-customer-consents.ts';
import { consentOut } from '../consent/consent-schema.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { UNDELIVERABLE } from '../../../domain/sms/keywords.ts';
import { iso } from '../schemas.ts';

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
    /**
     * Why texts to the customer's mobile number stop at their location, if they do: `stop` (the
     * customer texted STOP or another stop word: only their START undoes it) or `undeliverable`
     * (a text to it failed: staff may clear it, DELETE …/text-undeliverable). Null: no mark.
     */
    text_block: z
      .object({ reason: z.enum(['stop', 'undeliverable']), keyword: z.string(), since: z.string() })
      .nullable(),
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
    const phone = customer.mobile_phone?.trim() || null;
    const mark = phone
      ? await db
          .selectFrom('sms_opt_outs')
          .select(['keyword', 'opted_out_at'])
          .where('org_id', '=', scope.orgId)
          .where('location_id', '=', customer.location_id)
          .where('phone', '=', phone)
          .executeTakeFirst()
      : undefined;
    const text_block = mark
      ? {
          reason: mark.keyword === UNDELIVERABLE ? ('undeliverable' as const) : ('stop' as const),
          keyword: mark.keyword,
          since: iso(mark.opted_out_at)!,
        }
      : null;
    return { ...presentCustomer(customer), vehicles, consents, text_block };
  },
});
