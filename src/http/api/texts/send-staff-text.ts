// POST /api/v1/locations/:locationId/conversations/:customerId/texts: staff answer a customer by
// text. Queued for the send worker (status pending), refused when the number cannot be texted.
import { sendStaffText } from '../../../commands/texts/send-staff-text.ts';
import { defineRoute } from '../define.ts';
import { conversationParams, presentQueuedText, staffTextBody, textOut } from './schema.ts';

export const sendStaffTextRoute = defineRoute({
  method: 'POST',
  path: '/locations/:locationId/conversations/:customerId/texts',
  summary: 'Answer a customer by text (queued for the send worker; never to a number that texted STOP)',
  tag: 'Texts',
  auth: 'texts.write',
  isolation: 'tenant',
  status: 201,
  params: conversationParams,
  body: staffTextBody,
  response: textOut,
  example: (ids) => ({
    params: { locationId: ids.locationId, customerId: ids.customerId },
    body: { body: 'Your car is ready, see you at 5.' },
  }),
  async handler({ db, scope, params, body, now }) {
    const row = await db
      .transaction()
      .execute((trx) =>
        sendStaffText(
          trx,
          scope,
          { locationId: params.locationId, customerId: params.customerId, body: body.body },
          now,
        ),
      );
    return presentQueuedText(row);
  },
});
