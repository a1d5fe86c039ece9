import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { updateCampaign } from '../../../commands/campaigns/update-campaign.ts';
import { campaignChanges, presentCampaign } from '../../../commands/campaigns/campaign.ts';
import { asHttpError } from '../promotions/schema.ts';
import { campaignOut } from './schema.ts';

export const updateCampaignRoute = defineRoute({
  method: 'PATCH',
  path: '/campaigns/:campaignId',
  summary: 'Edit a campaign not yet sent or cancelled: name, segment, message, promotion',
  tag: 'Campaigns',
  auth: 'rules.write',
  isolation: 'tenant',
  params: z.strictObject({ campaignId: id }),
  body: campaignChanges,
  response: campaignOut,
  example: (ids) => ({ params: { campaignId: ids.campaignId }, body: { name: 'Spring check-up' } }),
  async handler({ db, scope, params, body, now }) {
    const row = await db
      .transaction()
      .execute((trx) => updateCampaign(trx, scope, { ...body, id: params.campaignId }, now))
      .catch((err: unknown) => {
        throw asHttpError(err);
      });
    if (!row) throw notFound(`Campaign ${params.campaignId}`);
    return presentCampaign(row);
  },
});
