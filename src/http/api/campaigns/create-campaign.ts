import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { createCampaign } from '../../../commands/campaigns/create-campaign.ts';
import { newCampaignInput, presentCampaign } from '../../../commands/campaigns/campaign.ts';
import { asHttpError } from '../promotions/schema.ts';
import { campaignOut } from './schema.ts';

export const createCampaignRoute = defineRoute({
  method: 'POST',
  path: '/locations/:locationId/campaigns',
  summary:
    'Create a draft campaign: a segment (vehicle make, maintenance due within N days, inactive between months, language) and its message per language or a promotion',
  tag: 'Campaigns',
  auth: 'rules.write',
  isolation: 'tenant',
  status: 201,
  params: z.strictObject({ locationId: id }),
  body: newCampaignInput,
  response: campaignOut,
  example: (ids) => ({
    params: { locationId: ids.locationId },
    body: {
      name: 'Honda owners, 6 to 12 months away',
      segment: { vehicle_make: 'Honda', inactive_min_months: 6, inactive_max_months: 12 },
      content: {
        en: { subject: 'We miss your Honda', body: 'Hello {{mailing_name}}, it has been a while.' },
      },
    },
  }),
  async handler({ db, s, scope, params, body, now }) {
    const location = await s.getLocation(params.locationId);
    const row = await db
      .transaction()
      .execute((trx) => createCampaign(trx, scope, { ...body, locationId: location.id }, now))
      .catch((err: unknown) => {
        throw asHttpError(err);
      });
    return presentCampaign(row);
  },
});
