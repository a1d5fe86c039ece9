import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { dateStr, id } from '../schemas.ts';
import { addDays, localDateTime } from '../../../domain/time/dates.ts';
import { optOutsByDay } from '../../../results/opt-outs.ts';

export const getOptOutsRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/results/opt-outs',
  summary:
    'Per day, kind and channel: customer messages sent, bounced, and followed by their customer unsubscribing (default: the last 30 days)',
  tag: 'Results',
  auth: 'stats.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z
    .strictObject({ from: dateStr.optional(), to: dateStr.optional() })
    .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' }),
  response: z.object({
    from: z.string(),
    to: z.string(),
    items: z.array(
      z.object({
        location_id: z.number(),
        day: z.string(),
        kind: z.string(),
        channel: z.string(),
        sent: z.number(),
        bounced: z.number(),
        unsubscribed: z.number(),
      }),
    ),
  }),
  example: (ids) => ({
    params: { locationId: ids.locationId },
    query: { from: '2026-03-01', to: '2026-03-31' },
  }),
  async handler({ s, scope, db, params, query, now }) {
    const location = await s.getLocation(params.locationId);
    const to = query.to ?? localDateTime(now, location.time_zone).date;
    const from = query.from ?? addDays(to, -29);
    return { from, to, items: await optOutsByDay(db, scope.orgId, [location.id], from, to) };
  },
});
