import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { campaignDay, findCampaign, presentCampaign } from '../../../commands/campaigns/campaign.ts';
import { sendCampaign } from '../../../commands/campaigns/send-campaign.ts';
import { asHttpError } from '../promotions/schema.ts';
import { campaignOut, locationToday } from './schema.ts';

export const sendCampaignRoute = defineRoute({
  method: 'POST',
  path: '/campaigns/:campaignId/send',
  summary:
    'Send a campaign on a day (today, the default, or later in the location’s zone): the run of that day decides it; today’s is decided at once',
  tag: 'Campaigns',
  auth: 'rules.write',
  isolation: 'tenant',
  params: z.strictObject({ campaignId: id }),
  body: z.strictObject({ send_on: campaignDay.optional() }),
  response: campaignOut,
  example: (ids) => ({ params: { campaignId: ids.campaignId }, body: {} }),
  async handler({ db, scope, params, body, now }) {
    const found = await findCampaign(db, scope.orgId, scope.locationIds, params.campaignId);
    if (!found) throw notFound(`Campaign ${params.campaignId}`);
    const today = await locationToday(db, found.org_id, found.location_id, now);
    const row = await db
      .transaction()
      .execute((trx) =>
        sendCampaign(trx, scope, { id: found.id, send_on: body.send_on ?? today, today }, now),
      )
      .catch((err: unknown) => {
        throw asHttpError(err);
      });
    if (!row) throw notFound(`Campaign ${params.campaignId}`);
    return presentCampaign(row);
  },
});
