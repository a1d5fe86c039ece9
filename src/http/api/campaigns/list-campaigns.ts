import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, page, sortedListQuery } from '../schemas.ts';
import { idSort, keysetSorted, parseSort, sortedPage, type SortColumns } from '../../../db/keyset-sort.ts';
import { presentCampaign } from '../../../commands/campaigns/campaign.ts';
import { campaignOut } from './schema.ts';

/** The columns a campaign list sorts by (`sort=name`, `sort=-send_on`); newest first without. */
export const CAMPAIGN_SORTS: SortColumns = {
  name: { ref: 'name', type: 'text' },
  status: { ref: 'status', type: 'text' },
  send_on: { ref: 'send_on', type: 'date', nullable: true },
  created_at: { ref: 'created_at', type: 'timestamptz' },
};

export const listCampaignsRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/campaigns',
  summary:
    'The campaigns of a location (draft, scheduled, sent, cancelled), newest first (or sorted by a column), a page at a time',
  tag: 'Campaigns',
  auth: 'rules.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject(sortedListQuery(CAMPAIGN_SORTS)),
  response: page(campaignOut),
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, params, query }) {
    const location = await s.getLocation(params.locationId);
    const sort = query.sort ? parseSort(CAMPAIGN_SORTS, query.sort) : idSort(true);
    const q = s.selectFrom('campaigns').selectAll().where('location_id', '=', location.id);
    const rows = await keysetSorted(q, sort, 'id', query.cursor, query.limit).execute();
    return sortedPage(rows, query.limit, sort, presentCampaign);
  },
});
