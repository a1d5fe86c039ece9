import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { presentCampaign } from '../../../commands/campaigns/campaign.ts';
import { campaignOut } from './schema.ts';

export const listCampaignsRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/campaigns',
  summary: 'The campaigns of a location (draft, scheduled, sent, cancelled), newest first',
  tag: 'Campaigns',
  auth: 'rules.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  response: z.object({ items: z.array(campaignOut) }),
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, params }) {
    const location = await s.getLocation(params.locationId);
    const rows = await s
      .selectFrom('campaigns')
      .selectAll()
      .where('location_id', '=', location.id)
      .orderBy('id', 'desc')
      .execute();
    return { items: rows.map(presentCampaign) };
  },
});
