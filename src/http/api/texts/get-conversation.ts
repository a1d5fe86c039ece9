// GET /api/v1/locations/:locationId/conversations/:customerId: one customer's texts in and out at
// the location, newest first, with whether staff may text them now (and why not).
import { z } from 'zod';
import { loadThread } from '../../../delivery/sms/conversations.ts';
import { staffTextRefusal } from '../../../commands/texts/send-staff-text.ts';
import { translateError } from '../../../i18n/api-errors.ts';
import { HttpError } from '../../errors.ts';
import { requestLanguage } from '../../request-language.ts';
import { decodeCursor } from '../pagination.ts';
import { defineRoute } from '../define.ts';
import { conversationParams, textOut } from './schema.ts';

export const getConversationRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/conversations/:customerId',
  summary: 'One customer’s texts in and out, newest first (opening it does not mark it read)',
  tag: 'Texts',
  auth: 'texts.read',
  isolation: 'tenant',
  params: conversationParams,
  query: z.strictObject({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(64).optional(),
  }),
  response: z.object({
    customer: z.object({
      id: z.number(),
      name: z.string(),
      mobile_phone: z.string().nullable(),
      /** The number texted STOP (or could not be reached): it cannot be texted. */
      opted_out: z.boolean(),
    }),
    texts_enabled: z.boolean(),
    /** Why staff cannot text the customer now (the answer's refusal, in the reader's language), or null. */
    cannot_text: z.object({ code: z.string(), message: z.string() }).nullable(),
    /** Texts in not yet read in this conversation (the inbox marks them read when it opens it). */
    unread: z.number(),
    time_zone: z.string(),
    items: z.array(textOut),
    next_cursor: z.string().nullable(),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId, customerId: ids.customerId } }),
  async handler({ ctx, s, scope, params, query, request }) {
    const location = await s.getLocation(params.locationId, 'locationId');
    const where = { org_id: location.org_id, location_id: location.id };
    const customer = await s
      .selectFrom('customers')
      .select(['id', 'mailing_name', 'mobile_phone'])
      .where('id', '=', params.customerId)
      .where('location_id', '=', location.id)
      .executeTakeFirst();
    if (!customer)
      throw new HttpError(404, 'not_found', `Customer ${params.customerId} not found`, 'customerId');
    const before = decodeCursor(query.cursor);
    const optOut = customer.mobile_phone
      ? await s
          .selectFrom('sms_opt_outs')
          .select('keyword')
          .where('location_id', '=', location.id)
          .where('phone', '=', customer.mobile_phone)
          .executeTakeFirst()
      : undefined;
    const thread = await loadThread(
      ctx.db,
      where,
      { customerId: customer.id },
      {
        limit: query.limit,
        ...(before ? { beforeId: before } : {}),
      },
    );
    const unread = await s
      .selectFrom('sms_conversation')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('location_id', '=', location.id)
      .where('customer_id', '=', customer.id)
      .where('direction', '=', 'in')
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    const refusal = await staffTextRefusal(ctx.db, scope, location.id, customer.id);
    return {
      cannot_text: refusal
        ? {
            code: refusal.code,
            message: translateError(requestLanguage(request), {
              code: refusal.code,
              message: refusal.message,
              field: refusal.field,
              params: refusal.params,
            }),
          }
        : null,
      unread: Number(unread.n),
      customer: {
        id: customer.id,
        name: customer.mailing_name,
        mobile_phone: customer.mobile_phone,
        opted_out: Boolean(optOut),
      },
      texts_enabled: location.sms_enabled,
      time_zone: location.time_zone,
      items: thread.items.map((t) => ({ ...t, at: t.at.toISOString() })),
      next_cursor: thread.next ? Buffer.from(String(thread.next)).toString('base64url') : null,
    };
  },
});
