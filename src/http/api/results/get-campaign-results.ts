import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { campaignResults } from '../../../results/campaign-results.ts';
import { locationParams, rate } from './schema.ts';

export const getCampaignResultsRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/results/campaigns',
  summary:
    'What each sent campaign brought back: messages sent, customers back within the attribution window after the send day, their visits and invoice totals, and the control group held back',
  tag: 'Results',
  auth: 'stats.read',
  isolation: 'tenant',
  params: locationParams,
  query: z.strictObject({ window_days: z.coerce.number().int().min(1).max(365).optional() }),
  response: z.object({
    items: z.array(
      z.object({
        campaign_id: z.number(),
        location_id: z.number(),
        send_on: z.string(),
        window_days: z.number(),
        window_ends_on: z.string(),
        sent: z.number(),
        returned: z.number(),
        return_rate: rate,
        visits: z.number(),
        invoice_total: z.number(),
        control: z.number(),
        control_returned: z.number(),
        control_return_rate: rate,
        lift: z.number().nullable(),
      }),
    ),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, scope, db, params, query }) {
    const location = await s.getLocation(params.locationId);
    return { items: await campaignResults(db, scope.orgId, [location.id], query.window_days) };
  },
});
