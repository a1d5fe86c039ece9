// POST /api/v1/locations/:locationId/numbers/:phone/texts: staff answer a number that matches no
// customer (only one that texted the location). Queued for the send worker, as every staff text.
import { answerUnknownNumber } from '../../../commands/texts/answer-unknown-number.ts';
import { defineRoute } from '../define.ts';
import { numberParams, presentQueuedText, staffTextBody, textOut } from './schema.ts';

export const answerUnknownNumberRoute = defineRoute({
  method: 'POST',
  path: '/locations/:locationId/numbers/:phone/texts',
  summary: 'Answer by text a number that matches no customer (only after it texted the location)',
  tag: 'Texts',
  auth: 'texts.write',
  isolation: 'tenant',
  status: 201,
  params: numberParams,
  body: staffTextBody,
  response: textOut,
  example: (ids) => ({
    params: { locationId: ids.locationId, phone: ids.unknownPhone },
    body: { body: 'Hello, this is the shop: who may we help?' },
  }),
  async handler({ db, scope, params, body, now }) {
    const row = await db
      .transaction()
      .execute((trx) =>
        answerUnknownNumber(
          trx,
          scope,
          { locationId: params.locationId, phone: params.phone, body: body.body },
          now,
        ),
      );
    return presentQueuedText(row);
  },
});
