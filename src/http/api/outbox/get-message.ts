// GET /api/v1/messages/:messageId: One outbox message with its merge data.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { messageOut, present } from './shared.ts';

export const getMessageRoute = defineRoute({
  method: 'GET',
  path: '/messages/:messageId',
  summary: 'One outbox message with its merge data',
  tag: 'Outbox',
  auth: 'messages.read',
  isolation: 'tenant',
  params: z.strictObject({ messageId: id }),
  response: messageOut.extend({ payload: z.record(z.string(), z.unknown()) }),
  example: (ids) => ({ params: { messageId: ids.messageId } }),
  async handler({ s, params }) {
    const m = await s
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', params.messageId)
      .executeTakeFirst();
    if (!m) throw notFound(`Message ${params.messageId}`);
    return { ...present(m), payload: m.payload };
  },
});
