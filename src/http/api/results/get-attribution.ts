import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { attributionByMonth } from '../../../results/attribution.ts';
import { checkMonths, locationParams, monthsQuery, rangeAt, rangeOut, rate } from './schema.ts';

export const getAttributionRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/results/attribution',
  summary:
    'What the messages sent brought back, per month, kind, channel and language: customers back within the window, visits, invoice totals, DEFERRED items done',
  tag: 'Results',
  auth: 'stats.read',
  isolation: 'tenant',
  params: locationParams,
  query: z
    .strictObject({
      ...monthsQuery,
      window_days: z.coerce.number().int().min(1).max(365).optional(),
      kind: z.string().max(20).optional(),
    })
    .superRefine(checkMonths),
  response: z.object({
    ...rangeOut,
    window_days: z.number(),
    items: z.array(
      z.object({
        location_id: z.number(),
        month: z.string(),
        kind: z.string(),
        channel: z.string(),
        language: z.string(),
        messages: z.number(),
        returned: z.number(),
        return_rate: rate,
        visits: z.number(),
        invoice_total: z.number(),
        deferred_items: z.number(),
        deferred_items_done: z.number(),
      }),
    ),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { from: '2026-01', to: '2026-03' } }),
  async handler({ s, scope, db, params, query, now }) {
    const location = await s.getLocation(params.locationId);
    const range = rangeAt(query, now, location.time_zone);
    const windowDays = query.window_days ?? location.attribution_days;
    const items = await attributionByMonth(db, scope.orgId, [location.id], {
      range,
      windowDays,
      kind: query.kind,
    });
    return { from: range.from, to: range.to, window_days: windowDays, items };
  },
});
