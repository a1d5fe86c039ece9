// GET /api/v1/locations/:locationId/send-queue: What will go out in the coming days, and why (nothing is written).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { dateStr, id } from '../schemas.ts';
import { HttpError } from '../../errors.ts';
import { sendQueue } from '../../../engine/send-queue.ts';
import { localDate } from '../../../appointments/zoned-time.ts';

export const sendQueueRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/send-queue',
  summary: 'What will go out in the coming days, and why (nothing is written)',
  tag: 'Outbox',
  auth: 'messages.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({
    from: dateStr.optional(),
    days: z.coerce.number().int().min(1).max(60).default(7),
  }),
  response: z.object({
    from: z.string(),
    days: z.number(),
    computed_at: z.string().meta({
      description:
        'When the decisions listed were computed: the forecast is kept until data it depends on changes (at most a day)',
    }),
    items: z.array(
      z.object({
        day: z.string(),
        kind: z.string(),
        channel: z.string(),
        status: z.string(),
        reason: z.string().nullable(),
        customerId: z.number().nullable(),
        customerName: z.string().nullable(),
        vehicle: z.string().nullable(),
        why: z.string(),
        whyFacts: z.object({
          code: z.string(),
          at: z.string().optional(),
          on: z.string().optional(),
          detail: z.string().optional(),
          count: z.number().optional(),
        }),
        alreadyQueued: z.boolean(),
        nextAttemptAt: z.string(),
      }),
    ),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { from: '2026-03-11', days: 7 } }),
  async handler({ ctx, s, scope, params, query, now }) {
    const location = await s.getLocation(params.locationId);
    const from = query.from ?? localDate(now, location.time_zone);
    try {
      const queue = await sendQueue(ctx.db, scope.orgId, location.id, from, query.days, now);
      return { from, days: query.days, computed_at: queue.computedAt, items: queue.items };
    } catch (err) {
      if ((err as { code?: string }).code) throw err;
      throw new HttpError(400, 'invalid_input', (err as Error).message);
    }
  },
});
