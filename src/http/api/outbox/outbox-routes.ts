// The outbox (every message decided, with its status and reason), statistics, and the
// send-queue preview (engine). Read-only.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { dateStr, id, iso, listQuery, page } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { HttpError, notFound } from '../../errors.ts';
import { messageStats } from '../../../delivery/stats/message-stats.ts';
import { previewSendQueue } from '../../../engine/preview.ts';
import { localDate } from '../../../appointments/zoned-time.ts';
import type { Message } from '../../../db/schema.ts';

const STATUSES = ['pending', 'sending', 'sent', 'failed', 'held', 'cancelled', 'bounced'] as const;
const messageOut = z.object({
  id: z.number(),
  location_id: z.number(),
  kind: z.string(),
  channel: z.string(),
  recipient_type: z.string(),
  customer_id: z.number().nullable(),
  vehicle_id: z.number().nullable(),
  appointment_id: z.number().nullable(),
  recipient_email: z.string().nullable(),
  language: z.string(),
  due_on: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  attempts: z.number(),
  sent_at: z.string().nullable(),
  created_at: z.string(),
});
const present = (m: Message) => ({
  id: m.id,
  location_id: m.location_id,
  kind: m.kind,
  channel: m.channel,
  recipient_type: m.recipient_type,
  customer_id: m.customer_id,
  vehicle_id: m.vehicle_id,
  appointment_id: m.appointment_id,
  recipient_email: m.recipient_email,
  language: m.language,
  due_on: m.due_on,
  status: m.status,
  reason: m.reason,
  attempts: m.attempts,
  sent_at: iso(m.sent_at),
  created_at: iso(m.created_at)!,
});

export const listMessagesRoute = defineRoute({
  method: 'GET',
  path: '/messages',
  summary: 'The outbox: messages with filters (kind, channel, status, customer, due dates)',
  tag: 'Outbox',
  auth: 'messages.read',
  isolation: 'tenant',
  query: z.strictObject({
    ...listQuery,
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
    let q = s.selectFrom('messages').selectAll().where('id', '>', decodeCursor(query.cursor)).orderBy('id').limit(query.limit + 1);
    if (query.location_id) q = q.where('location_id', '=', s.location(query.location_id).location_id);
    if (query.customer_id) q = q.where('customer_id', '=', (await s.find('customers', query.customer_id, 'Customer', 'customer_id')).id);
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (query.channel) q = q.where('channel', '=', query.channel);
    if (query.status) q = q.where('status', '=', query.status);
    if (query.due_from) q = q.where('due_on', '>=', query.due_from);
    if (query.due_to) q = q.where('due_on', '<=', query.due_to);
    return pageOf(await q.execute(), query.limit, present);
  },
});

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
    const m = await s.selectFrom('messages').selectAll().where('id', '=', params.messageId).executeTakeFirst();
    if (!m) throw notFound(`Message ${params.messageId}`);
    return { ...present(m), payload: m.payload };
  },
});

export const statsRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/stats',
  summary: 'Message counts by day, kind, channel and status',
  tag: 'Outbox',
  auth: 'stats.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({ from: dateStr.optional(), to: dateStr.optional() }),
  response: z.object({
    rows: z.array(z.object({ day: z.string(), kind: z.string(), channel: z.string(), status: z.string(), count: z.number() })),
    totals: z.object({ byStatus: z.record(z.string(), z.number()), byKind: z.record(z.string(), z.number()), byChannel: z.record(z.string(), z.number()), all: z.number() }),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { from: '2026-03-01', to: '2026-03-31' } }),
  async handler({ ctx, s, scope, params, query }) {
    const keys = s.location(params.locationId);
    return messageStats(ctx.db, scope.orgId, { locationId: keys.location_id, from: query.from, to: query.to });
  },
});

export const sendQueueRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/send-queue',
  summary: 'What will go out in the coming days, and why (nothing is written)',
  tag: 'Outbox',
  auth: 'messages.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({ from: dateStr.optional(), days: z.coerce.number().int().min(1).max(60).default(7) }),
  response: z.object({
    from: z.string(),
    days: z.number(),
    items: z.array(
      z.object({
        day: z.string(), kind: z.string(), channel: z.string(), status: z.string(), reason: z.string().nullable(), customerId: z.number().nullable(),
        customerName: z.string().nullable(), vehicle: z.string().nullable(), why: z.string(), alreadyQueued: z.boolean(), nextAttemptAt: z.string(),
      }),
    ),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { from: '2026-03-11', days: 7 } }),
  async handler({ ctx, s, scope, params, query, now }) {
    const location = await s.getLocation(params.locationId);
    const from = query.from ?? localDate(now, location.time_zone);
    try {
      return { from, days: query.days, items: await previewSendQueue(ctx.db, scope.orgId, location.id, from, query.days, now) };
    } catch (err) {
      if ((err as { code?: string }).code) throw err;
      throw new HttpError(400, 'invalid_input', (err as Error).message);
    }
  },
});
