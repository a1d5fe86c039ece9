// GET /api/v1/locations/:locationId/conversations: the text inbox, one conversation per customer
// and one per number that matches no customer, latest first, with the texts in not yet read (and
// the location's total, for the menu's badge).
import { z } from 'zod';
import { listConversations } from '../../../delivery/sms/conversations.ts';
import { HttpError } from '../../errors.ts';
import { defineRoute } from '../define.ts';
import { id, qBool } from '../schemas.ts';

function afterOf(cursor: string | undefined): { at: string; key: string } | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { at: unknown; k: unknown };
    if (typeof v.at === 'string' && !Number.isNaN(Date.parse(v.at)) && typeof v.k === 'string')
      return { at: v.at, key: v.k };
  } catch {
    /* fall through */
  }
  throw new HttpError(400, 'invalid_input', 'cursor: is not a cursor returned by this API', 'cursor');
}

export const listConversationsRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/conversations',
  summary:
    'The text inbox: one conversation per customer or unknown number, latest first, with unread counts',
  tag: 'Texts',
  auth: 'texts.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({
    limit: z.coerce.number().int().min(1).max(200).default(25),
    cursor: z.string().max(200).optional(),
    unread: qBool.optional(),
  }),
  response: z.object({
    items: z.array(
      z.object({
        /** null: a number that matches no customer texted the shop (`mobile_phone` is that number). */
        customer_id: z.number().nullable(),
        customer_name: z.string().nullable(),
        mobile_phone: z.string().nullable(),
        last_at: z.string(),
        last_body: z.string(),
        last_direction: z.enum(['in', 'out']),
        unread: z.number(),
      }),
    ),
    next_cursor: z.string().nullable(),
    /** Texts in not yet read, in every conversation of the location. */
    unread_total: z.number(),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ ctx, s, params, query }) {
    const where = s.location(params.locationId, 'locationId');
    const page = await listConversations(ctx.db, where, {
      limit: query.limit,
      after: afterOf(query.cursor),
      unreadOnly: query.unread,
    });
    return {
      items: page.items.map((c) => ({ ...c, last_at: c.last_at.toISOString() })),
      next_cursor: page.next
        ? Buffer.from(JSON.stringify({ at: page.next.at, k: page.next.key })).toString('base64url')
        : null,
      unread_total: page.unreadTotal,
    };
  },
});
