// Every message decided for one customer (delivery's listCustomerMessages): what went out, what
// was held back or failed and why, newest first.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, iso } from '../schemas.ts';
import { listCustomerMessages } from '../../../delivery/stats/list-customer-messages.ts';

export const listCustomerMessagesRoute = defineRoute({
  method: 'GET',
  path: '/customers/:customerId/messages',
  summary: 'Messages decided for a customer (sent, held, failed…) with reasons',
  tag: 'Customers',
  auth: 'messages.read',
  isolation: 'tenant',
  params: z.strictObject({ customerId: id }),
  response: z.object({
    items: z.array(
      z.object({
        id: z.number(),
        location_id: z.number(),
        kind: z.string(),
        channel: z.string(),
        status: z.string(),
        reason: z.string().nullable(),
        language: z.string(),
        due_on: z.string(),
        sent_at: z.string().nullable(),
        attempts: z.number(),
        provider_id: z.string().nullable(),
        vehicle_id: z.number().nullable(),
        created_at: z.string(),
      }),
    ),
  }),
  example: (ids) => ({ params: { customerId: ids.customerId } }),
  async handler({ ctx, s, scope, params }) {
    const customer = await s.find('customers', params.customerId, 'Customer');
    const rows = await listCustomerMessages(ctx.db, scope.orgId, customer.id);
    return {
      items: rows
        .filter((m) => scope.locationIds.includes(m.location_id))
        .map((m) => ({ ...m, sent_at: iso(m.sent_at), created_at: iso(m.created_at)! })),
    };
  },
});
