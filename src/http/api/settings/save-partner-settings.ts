// PUT /locations/:id/settings/{customerlink|mechanicnet|carfax}: the rules (secret encrypted,
// never returned; consent to switch on) are in src/commands/settings/save-partner-settings.ts.
import {
  CONSENT_FLAG,
  savePartnerSettings,
  type SavePartnerSettingsInput,
} from '../../../commands/settings/save-partner-settings.ts';
import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { NEEDS_CONSENT, PARTNER_NAMES, SETTINGS_SCHEMAS, type Partner } from '../../../partners/partners.ts';
import { partnerOut } from './schema.ts';
import { presentPartner } from './load-settings.ts';

const bodies = {
  customerlink: z.strictObject({
    enabled: z.boolean(),
    settings: SETTINGS_SCHEMAS.customerlink,
    password: z.string().min(1).max(200).optional(),
    confirm_send: z.boolean().optional(),
  }),
  mechanicnet: z.strictObject({ enabled: z.boolean(), settings: SETTINGS_SCHEMAS.mechanicnet }),
  carfax: z.strictObject({
    enabled: z.boolean(),
    settings: SETTINGS_SCHEMAS.carfax,
    accept_terms: z.boolean().optional(),
    /** The CARFAX API token (uploads and the plate lookup); encrypted at rest, never returned. */
    token: z.string().min(1).max(500).optional(),
  }),
};

const EXAMPLES = {
  customerlink: {
    enabled: true,
    settings: {
      account_number: 'CL-0042',
      server: 'ftp.customerlink.example',
      port: 21,
      user: 'garage42',
      directory: '/in',
      passive: true,
    },
    password: 's3cret-ftp',
    confirm_send: true,
  },
  mechanicnet: {
    enabled: true,
    settings: { shop_id: 'MN-778', endpoint: 'https://upload.mechanicnet.example/api' },
  },
  carfax: {
    enabled: true,
    settings: { endpoint: 'https://partners.carfax.example/service-records' },
    accept_terms: true,
  },
};

function partnerRoute(partner: Partner): ApiRoute {
  return defineRoute({
    method: 'PUT',
    path: `/locations/:locationId/settings/${partner}`,
    summary: `Save the ${PARTNER_NAMES[partner]} tab${NEEDS_CONSENT[partner] ? ` (switching on needs ${CONSENT_FLAG[partner]}: true)` : ''}`,
    tag: 'Settings',
    auth: 'settings.write',
    isolation: 'tenant',
    params: z.strictObject({ locationId: id }),
    body: bodies[partner] as z.ZodType<Omit<SavePartnerSettingsInput, 'locationId' | 'partner'>>,
    response: partnerOut,
    example: (ids) => ({ params: { locationId: ids.locationId }, body: EXAMPLES[partner] }),
    async handler({ ctx, db, scope, params, body, now }) {
      const row = await db
        .transaction()
        .execute((trx) =>
          savePartnerSettings(trx, scope, { locationId: params.locationId, partner, ...body }, now, ctx.keys),
        );
      return presentPartner(partner, row);
    },
  });
}

export const partnerSettingsRoutes: ApiRoute[] = (['customerlink', 'mechanicnet', 'carfax'] as const).map(
  partnerRoute,
);
