// GET /api/v1/messages: The outbox: messages with filters (kind, channel, status, customer, due dates).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { dateStr, id, page, sortedListQuery } from '../schemas.ts';
import { keysetSorted, parseSort, sortedPage, type SortColumns } from '../../../db/keyset-sort.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { messageOut, present } from './shared.ts';

const STATUSES = ['pending', 'sending', 'sent', 'failed', 'held', 'cancelled', 'bounced'] as const;

/** The columns the outbox sorts by (`sort=-sent_at`); unsent messages sort as the oldest. */
export const MESSAGE_SORTS: SortColumns = {
  due_on: { ref: 'due_on', type: 'date' },
  kind: { ref: 'kind', type: 'text' },
  channel: { ref: 'channel', type: 'text' },
  status: { ref: 'status', type: 'text' },
  sent_at: { ref: 'sent_at', type: 'timestamptz', nullable: true },
  created_at: { ref: 'created_at', type: 'timestamptz' },
};

export const listMessagesRoute = defineRoute({
  method: 'GET',
  path: '/messages',
  summary:
    'The outbox: messages with filters (kind, channel, status, customer, due dates), sorted by a column',
  tag: 'Outbox',
  auth: 'messages.read',
  isolation: 'tenant',
  query: z.strictObject({
    ...sortedListQuery(MESSAGE_SORTS),
    location_id: id.optional(),
    customer_id: id.optional(),
    kind: z.string().max(20).optional(),
    channel: z.enum(['email', 'postcard', 'task', 'none']).optional(),
    status: z.enum(STATUSES).optional(),
    due_from: dateStr.optional(),
    due_to: dateStr.optional(),
  }),
  response: page(messageOut),
  example: (ids) => ({ query: { location_id: ids.locationId, status: 'sent', due_from: '2026-03-01' } }),
  async handler({ s, query }) {
    let q = s.selectFrom('messages').selectAll();
    if (query.location_id) q = q.where('location_id', '=', s.location(query.location_id).location_id);
    if (query.customer_id)
      q = q.where(
        'customer_id',
        '=',
        (await s.find('customers', query.customer_id, 'Customer', 'customer_id')).id,
      );
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (query.channel) q = q.where('channel', '=', query.channel);
    if (query.status) q = q.where('status', '=', query.status);
    if (query.due_from) q = q.where('due_on', '>=', query.due_from);
    if (query.due_to) q = q.where('due_on', '<=', query.due_to);
    if (query.sort) {
      const sort = parseSort(MESSAGE_SORTS, query.sort);
      const rows = await keysetSorted(q, sort, 'id', query.cursor, query.limit).execute();
      return sortedPage(rows, query.limit, sort, present);
    }
    q = q
      .where('id', '>', decodeCursor(query.cursor))
      .orderBy('id')
      .limit(query.limit + 1);
    return pageOf(await q.execute(), query.limit, present);
  },
});
