import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { presentCampaign } from '../../../commands/campaigns/campaign.ts';
import { cancelCampaign } from '../../../commands/campaigns/cancel-campaign.ts';
import { asHttpError } from '../promotions/schema.ts';
import { campaignOut } from './schema.ts';

export const cancelCampaignRoute = defineRoute({
  method: 'POST',
  path: '/campaigns/:campaignId/cancel',
  summary: 'Cancel a draft or scheduled campaign before its day is run (a sent one cannot be)',
  tag: 'Campaigns',
  auth: 'rules.write',
  isolation: 'tenant',
  params: z.strictObject({ campaignId: id }),
  response: campaignOut,
  example: (ids) => ({ params: { campaignId: ids.campaignId } }),
  async handler({ db, scope, params, now }) {
    const row = await db
      .transaction()
      .execute((trx) => cancelCampaign(trx, scope, { id: params.campaignId }, now))
      .catch((err: unknown) => {
        throw asHttpError(err);
      });
    if (!row) throw notFound(`Campaign ${params.campaignId}`);
    return presentCampaign(row);
  },
});
