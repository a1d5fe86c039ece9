// POST /api/v1/locations/:locationId/numbers/:phone/link: the number that matches no customer is
// this customer's: their conversation from now on, and their mobile number when they had none.
import { z } from 'zod';
import { linkTextNumber } from '../../../commands/texts/link-text-number.ts';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { numberParams } from './schema.ts';

export const linkTextNumberRoute = defineRoute({
  method: 'POST',
  path: '/locations/:locationId/numbers/:phone/link',
  summary: 'Link a number that matches no customer to a customer of the location',
  tag: 'Texts',
  auth: 'customers.write',
  isolation: 'tenant',
  params: numberParams,
  body: z.strictObject({ customer_id: id }),
  response: z.object({ customer_id: z.number(), mobile_phone: z.string(), linked: z.number() }),
  example: (ids) => ({
    params: { locationId: ids.locationId, phone: ids.unknownPhone },
    body: { customer_id: ids.customerId },
  }),
  async handler({ db, scope, params, body, now }) {
    return db
      .transaction()
      .execute((trx) =>
        linkTextNumber(
          trx,
          scope,
          { locationId: params.locationId, phone: params.phone, customerId: body.customer_id },
          now,
        ),
      );
  },
});
