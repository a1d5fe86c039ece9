// GET /api/v1/locations/:locationId/stats: Message counts by day, kind, channel and status.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { dateStr, id } from '../schemas.ts';
import { messageStats } from '../../../delivery/stats/message-stats.ts';

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
    rows: z.array(
      z.object({
        day: z.string(),
        kind: z.string(),
        channel: z.string(),
        status: z.string(),
        count: z.number(),
      }),
    ),
    totals: z.object({
      byStatus: z.record(z.string(), z.number()),
      byKind: z.record(z.string(), z.number()),
      byChannel: z.record(z.string(), z.number()),
      all: z.number(),
    }),
  }),
  example: (ids) => ({
    params: { locationId: ids.locationId },
    query: { from: '2026-03-01', to: '2026-03-31' },
  }),
  async handler({ ctx, s, scope, params, query }) {
    const keys = s.location(params.locationId);
    return messageStats(ctx.db, scope.orgId, {
      locationId: keys.location_id,
      from: query.from,
      to: query.to,
    });
  },
});
