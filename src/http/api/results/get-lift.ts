import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { liftByMonth } from '../../../results/lift.ts';
import { checkMonths, locationParams, monthsQuery, rangeAt, rangeOut, rate } from './schema.ts';

export const getLiftRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/results/lift',
  summary:
    'Lift per month and kind: return rate of the customers sent the message against the control group held back',
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
        sent: z.number(),
        sent_returned: z.number(),
        sent_return_rate: rate,
        control: z.number(),
        control_returned: z.number(),
        control_return_rate: rate,
        lift: z.number().nullable(),
      }),
    ),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { from: '2026-01', to: '2026-03' } }),
  async handler({ s, scope, db, params, query, now }) {
    const location = await s.getLocation(params.locationId);
    const range = rangeAt(query, now, location.time_zone);
    const windowDays = query.window_days ?? location.attribution_days;
    const items = await liftByMonth(db, scope.orgId, [location.id], { range, windowDays, kind: query.kind });
    return { from: range.from, to: range.to, window_days: windowDays, items };
  },
});
