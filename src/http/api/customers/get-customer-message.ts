// GET /api/v1/customers/:customerId/messages/:messageId/content: one message to the customer as it
// was sent (delivery/sent): the email's subject, HTML and text part, a postcard's text (its printed
// card at …/postcard), a text message's body; with the template it came from.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, iso } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { renderSentMessage } from '../../../delivery/sent/render-sent-message.ts';
import type { Scoped } from '../../../tenancy/scoped.ts';

/** The customer's message (tenant- and location-scoped), 404 otherwise. */
export async function customerMessage(s: Scoped, customerId: number, messageId: number) {
  const customer = await s.find('customers', customerId, 'Customer');
  const m = await s
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', messageId)
    .where('customer_id', '=', customer.id)
    .where('recipient_type', '=', 'customer')
    .executeTakeFirst();
  if (!m) throw notFound(`Message ${messageId}`);
  return m;
}

export const getCustomerMessageRoute = defineRoute({
  method: 'GET',
  path: '/customers/:customerId/messages/:messageId/content',
  summary: 'A message to the customer as it was sent: subject, the email’s HTML, the text; 404 for tasks',
  tag: 'Customers',
  auth: 'messages.read',
  isolation: 'tenant',
  params: z.strictObject({ customerId: id, messageId: id }),
  response: z.object({
    id: z.number(),
    kind: z.string(),
    channel: z.string(),
    status: z.string(),
    language: z.string(),
    sent_at: z.string().nullable(),
    subject: z.string().nullable(),
    html: z.string().nullable(),
    text: z.string(),
    template: z.object({
      source: z.enum(['shipped', 'override', 'campaign', 'caught_copy']),
      version: z.number().nullable(),
      changed_since_sent: z.boolean(),
    }),
    postcard_pdf: z
      .string()
      .nullable()
      .meta({ description: 'The printed card (application/pdf), for postcards' }),
  }),
  example: (ids) => ({ params: { customerId: ids.customerId, messageId: ids.messageId } }),
  async handler({ ctx, s, params, now }) {
    const m = await customerMessage(s, params.customerId, params.messageId);
    const view = await renderSentMessage(ctx.db, m, { publicUrl: ctx.config.publicUrl, keys: ctx.keys }, now);
    if (!view) throw notFound(`Content of message ${params.messageId}`);
    return {
      id: m.id,
      kind: m.kind,
      channel: m.channel,
      status: m.status,
      language: m.language,
      sent_at: iso(m.sent_at),
      subject: view.subject,
      html: view.html,
      text: view.text,
      template: view.template,
      postcard_pdf: view.card
        ? `/api/v1/customers/${params.customerId}/messages/${params.messageId}/postcard`
        : null,
    };
  },
});
