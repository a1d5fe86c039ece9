// POST /api/v1/locations/:locationId/numbers/:phone/read: staff opened the conversation with a
// number that matches no customer.
import { z } from 'zod';
import { markConversationRead } from '../../../commands/texts/mark-conversation-read.ts';
import { defineRoute } from '../define.ts';
import { numberParams } from './schema.ts';

export const markNumberReadRoute = defineRoute({
  method: 'POST',
  path: '/locations/:locationId/numbers/:phone/read',
  summary: 'Mark the texts in from a number that matches no customer as read',
  tag: 'Texts',
  auth: 'texts.write',
  isolation: 'tenant',
  params: numberParams,
  response: z.object({ marked: z.number() }),
  example: (ids) => ({ params: { locationId: ids.locationId, phone: ids.unknownPhone } }),
  async handler({ db, scope, params, now }) {
    return db
      .transaction()
      .execute((trx) =>
        markConversationRead(trx, scope, { locationId: params.locationId, phone: params.phone }, now),
      );
  },
});
