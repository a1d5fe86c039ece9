// GET /api/v1/locations/:locationId/numbers/:phone/conversation: the texts in and out with a number
// that matches no customer at the location, newest first, with whether it may be texted.
import { z } from 'zod';
import { loadThread } from '../../../delivery/sms/conversations.ts';
import { HttpError } from '../../errors.ts';
import { decodeCursor } from '../pagination.ts';
import { defineRoute } from '../define.ts';
import { numberParams, textOut } from './schema.ts';

export const getNumberConversationRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/numbers/:phone/conversation',
  summary: 'The texts with a number that matches no customer, newest first',
  tag: 'Texts',
  auth: 'texts.read',
  isolation: 'tenant',
  params: numberParams,
  query: z.strictObject({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(64).optional(),
  }),
  response: z.object({
    phone: z.string(),
    /** The number texted STOP (or could not be reached): it cannot be texted. */
    opted_out: z.boolean(),
    texts_enabled: z.boolean(),
    unread: z.number(),
    time_zone: z.string(),
    items: z.array(textOut),
    next_cursor: z.string().nullable(),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId, phone: ids.unknownPhone } }),
  async handler({ ctx, s, params, query }) {
    const location = await s.getLocation(params.locationId, 'locationId');
    const where = { org_id: location.org_id, location_id: location.id };
    const before = decodeCursor(query.cursor);
    const thread = await loadThread(
      ctx.db,
      where,
      { phone: params.phone },
      { limit: query.limit, ...(before ? { beforeId: before } : {}) },
    );
    if (thread.items.length === 0 && !before)
      throw new HttpError(404, 'not_found', `No texts with ${params.phone} at this location`, 'phone');
    const optOut = await s
      .selectFrom('sms_opt_outs')
      .select('keyword')
      .where('location_id', '=', location.id)
      .where('phone', '=', params.phone)
      .executeTakeFirst();
    const unread = await s
      .selectFrom('sms_conversation')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('location_id', '=', location.id)
      .where('customer_id', 'is', null)
      .where('phone', '=', params.phone)
      .where('direction', '=', 'in')
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      phone: params.phone,
      opted_out: Boolean(optOut),
      texts_enabled: location.sms_enabled,
      unread: Number(unread.n),
      time_zone: location.time_zone,
      items: thread.items.map((t) => ({ ...t, at: t.at.toISOString() })),
      next_cursor: thread.next ? Buffer.from(String(thread.next)).toString('base64url') : null,
    };
  },
});
