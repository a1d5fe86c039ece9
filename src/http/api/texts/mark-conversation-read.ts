// POST /api/v1/locations/:locationId/conversations/:customerId/read: staff opened the conversation.
import { z } from 'zod';
import { markConversationRead } from '../../../commands/texts/mark-conversation-read.ts';
import { defineRoute } from '../define.ts';
import { conversationParams } from './schema.ts';

export const markConversationReadRoute = defineRoute({
  method: 'POST',
  path: '/locations/:locationId/conversations/:customerId/read',
  summary: 'Mark a customer’s texts in as read (the inbox does it when the conversation is opened)',
  tag: 'Texts',
  auth: 'texts.write',
  isolation: 'tenant',
  params: conversationParams,
  response: z.object({ marked: z.number() }),
  example: (ids) => ({ params: { locationId: ids.locationId, customerId: ids.customerId } }),
  async handler({ db, scope, params, now }) {
    return db
      .transaction()
      .execute((trx) =>
        markConversationRead(
          trx,
          scope,
          { locationId: params.locationId, customerId: params.customerId },
          now,
        ),
      );
  },
});
