import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { loyaltyByMonth } from '../../../results/loyalty.ts';
import { checkMonths, locationParams, monthsQuery, rangeAt, rangeOut, rate } from './schema.ts';

export const getLoyaltyRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/results/loyalty',
  summary:
    'Loyalty per month: of the customers with a visit in the 12 months ending with the month, the share with visits on two or more days',
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
        active_customers: z.number(),
        loyal_customers: z.number(),
        loyalty_rate: rate,
      }),
    ),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { from: '2026-01', to: '2026-03' } }),
  async handler({ s, scope, db, params, query, now }) {
    const location = await s.getLocation(params.locationId);
    const range = rangeAt(query, now, location.time_zone);
    const items = await loyaltyByMonth(db, scope.orgId, [location.id], range);
    return { from: range.from, to: range.to, items };
  },
});
