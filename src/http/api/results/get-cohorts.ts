import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { cohortsByMonth } from '../../../results/cohorts.ts';
import { monthIndex } from '../../../results/months.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { checkMonths, locationParams, monthsQuery, rangeAt, rangeOut, rate } from './schema.ts';

export const getCohortsRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/results/cohorts',
  summary:
    'Cohorts of first-visit months (from..to): for each of the 12 months after, how many visited then and how many had come back by then',
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
        cohort: z.string(),
        months_since: z.number(),
        customers: z.number(),
        visited: z.number(),
        returned: z.number(),
        return_rate: rate,
      }),
    ),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { from: '2026-01', to: '2026-03' } }),
  async handler({ s, scope, db, params, query, now }) {
    const location = await s.getLocation(params.locationId);
    const range = rangeAt(query, now, location.time_zone);
    const current = monthIndex(localDateTime(now, location.time_zone).date.slice(0, 7));
    const items = await cohortsByMonth(db, scope.orgId, [location.id], range, current);
    return { from: range.from, to: range.to, items };
  },
});
