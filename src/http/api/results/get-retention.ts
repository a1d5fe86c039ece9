import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { retentionByMonth } from '../../../results/retention.ts';
import { checkMonths, locationParams, monthsQuery, rangeAt, rangeOut, rate } from './schema.ts';

export const getRetentionRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/results/retention',
  summary:
    'Retention per month: of the customers who visited in the 12 months before the 12 months ending with the month, the share who visited in them',
  tag: 'Results',
  auth: 'stats.read',
  isolation: 'tenant',
  params: locationParams,
  query: z.strictObject(monthsQuery).superRefine(checkMonths),
  response: z.object({
    ...rangeOut,
    items: z.array(
      z.object({
        location_id: z.number(),
        month: z.string(),
        customers_before: z.number(),
        retained: z.number(),
        retention_rate: rate,
      }),
    ),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { from: '2026-01', to: '2026-03' } }),
  async handler({ s, scope, db, params, query, now }) {
    const location = await s.getLocation(params.locationId);
    const range = rangeAt(query, now, location.time_zone);
    const items = await retentionByMonth(db, scope.orgId, [location.id], range);
    return { from: range.from, to: range.to, items };
  },
});
