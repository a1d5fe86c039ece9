import { z } from 'zod';
import { sql } from 'kysely';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { customerOut, presentCustomer } from './schema.ts';
import { customerConsentViews } from '../../../commands/load-customer-consents.ts';
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
    // Two round trips (the card is the most read page): vehicles, the location's time zone and the
    // mobile number's mark come in subqueries held to the same organization and scope locations as
    // the customer; then the consents, which need today's date there.
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
      .select(
        sql<string>`(SELECT l.time_zone FROM locations l WHERE l.org_id = customers.org_id AND l.id = customers.location_id)`.as(
          'location_time_zone',
        ),
      )
      .select(
        sql<{ keyword: string; opted_out_at: string } | null>`(
          SELECT json_build_object('keyword', o.keyword, 'opted_out_at', o.opted_out_at)
          FROM sms_opt_outs o
          WHERE o.org_id = customers.org_id AND o.location_id = customers.location_id
            AND o.phone = nullif(btrim(customers.mobile_phone), '')
        )`.as('text_mark'),
      )
      .where('id', '=', params.customerId)
      .executeTakeFirst();
    if (!row) throw notFound(`Customer ${params.customerId}`);
    const { vehicles, location_time_zone, text_mark: mark, ...customer } = row;
    const consents = await customerConsentViews(
      db,
      scope.orgId,
      customer,
      localDateTime(now, location_time_zone).date,
    );
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
