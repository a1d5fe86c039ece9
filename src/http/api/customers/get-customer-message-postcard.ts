// GET /api/v1/customers/:customerId/messages/:messageId/postcard: a postcard sent to the customer
// as it was printed (application/pdf: front and back); 404 for other channels.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { renderSentMessage } from '../../../delivery/sent/render-sent-message.ts';
import { renderPostcardsPdf } from '../../../delivery/postcards/render-postcards-pdf.ts';
import { customerMessage } from './get-customer-message.ts';

export const getCustomerMessagePostcardRoute = defineRoute({
  method: 'GET',
  path: '/customers/:customerId/messages/:messageId/postcard',
  summary: 'A postcard sent to the customer as printed: application/pdf, front and back',
  tag: 'Customers',
  auth: 'messages.read',
  isolation: 'tenant',
  params: z.strictObject({ customerId: id, messageId: id }),
  response: z.instanceof(Buffer),
  produces: 'application/pdf',
  example: (ids) => ({ params: { customerId: ids.customerId, messageId: ids.postcardMessageId } }),
  async handler({ ctx, s, params, now, reply }) {
    const m = await customerMessage(s, params.customerId, params.messageId);
    if (m.channel !== 'postcard') throw notFound(`Postcard ${params.messageId}`);
    const view = await renderSentMessage(ctx.db, m, { publicUrl: ctx.config.publicUrl, keys: ctx.keys }, now);
    if (!view?.card) throw notFound(`Postcard ${params.messageId}`);
    const pdf = await renderPostcardsPdf([view.card], { title: `${m.kind} ${m.id}`, now: m.sent_at ?? now });
    reply.type('application/pdf').header('content-disposition', `inline; filename="postcard-${m.id}.pdf"`);
    return pdf;
  },
});
