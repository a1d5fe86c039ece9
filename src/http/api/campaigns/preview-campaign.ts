import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { campaignDay, findCampaign } from '../../../commands/campaigns/campaign.ts';
import { previewCampaign } from '../../../commands/campaigns/preview-campaign.ts';
import { asHttpError } from '../promotions/schema.ts';
import { campaignPreviewOut, locationToday } from './schema.ts';

export const previewCampaignRoute = defineRoute({
  method: 'GET',
  path: '/campaigns/:campaignId/preview',
  summary:
    'What sending the campaign on a day would do (nothing is kept): how many would get it, how many held and why, per channel and language; a sent one is counted from the outbox',
  tag: 'Campaigns',
  auth: 'rules.read',
  isolation: 'tenant',
  params: z.strictObject({ campaignId: id }),
  query: z.strictObject({ on: campaignDay.optional() }),
  response: campaignPreviewOut,
  example: (ids) => ({ params: { campaignId: ids.campaignId } }),
  async handler({ db, scope, params, query, now }) {
    const found = await findCampaign(db, scope.orgId, scope.locationIds, params.campaignId);
    if (!found) throw notFound(`Campaign ${params.campaignId}`);
    const today = await locationToday(db, found.org_id, found.location_id, now);
    const preview = await previewCampaign(
      db,
      scope,
      { id: found.id, today, ...(query.on ? { on: query.on } : {}) },
      now,
    ).catch((err: unknown) => {
      throw asHttpError(err);
    });
    if (!preview) throw notFound(`Campaign ${params.campaignId}`);
    return preview;
  },
});
