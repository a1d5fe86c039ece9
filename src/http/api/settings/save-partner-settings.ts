// PUT /locations/:id/settings/{customerlink|mechanicnet|carfax}. The password is encrypted at
// rest (AES-256-GCM, key from SECRET_KEY) and never returned (password_set: true).
// Switching CustomerLink on requires confirm_send: true (data goes out at the shop's request),
// CARFAX requires accept_terms: true; who and when are recorded.
import { z } from 'zod';
import { defineRoute, type ApiRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { HttpError } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { encryptSecret } from '../../../security/keys.ts';
import { NEEDS_CONSENT, PARTNER_NAMES, SETTINGS_SCHEMAS, type Partner } from '../../../partners/partners.ts';
import { partnerOut } from './schema.ts';
import { presentPartner } from './load-settings.ts';

const consentFlag = { customerlink: 'confirm_send', carfax: 'accept_terms', mechanicnet: null } as const;

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
    summary: `Save the ${PARTNER_NAMES[partner]} tab${NEEDS_CONSENT[partner] ? ` (switching on needs ${consentFlag[partner]}: true)` : ''}`,
    tag: 'Settings',
    auth: 'settings.write',
    isolation: 'tenant',
    params: z.strictObject({ locationId: id }),
    body: bodies[partner] as z.ZodType<{
      enabled: boolean;
      settings: Record<string, unknown>;
      password?: string;
      token?: string;
      confirm_send?: boolean;
      accept_terms?: boolean;
    }>,
    response: partnerOut,
    example: (ids) => ({ params: { locationId: ids.locationId }, body: EXAMPLES[partner] }),
    async handler({ ctx, db, scope, params, body, now }) {
      return db.transaction().execute(async (trx) => {
        const s = scoped(trx, scope);
        const keys = s.location(params.locationId);
        const before = await s
          .selectFrom('partner_settings')
          .selectAll()
          .where('location_id', '=', keys.location_id)
          .where('partner', '=', partner)
          .forUpdate()
          .executeTakeFirst();
        const flag = consentFlag[partner];
        const switchingOn = body.enabled && !before?.enabled;
        let consent = {
          consent_user_id: before?.consent_user_id ?? null,
          consent_at: before?.consent_at ?? null,
        };
        if (flag && switchingOn) {
          if (body[flag] !== true) {
            const what =
              partner === 'carfax'
                ? 'accept the CARFAX terms of service'
                : 'confirm that customer data will be sent to CustomerLink at your request';
            throw new HttpError(
              400,
              'confirmation_required',
              `${flag}: to switch ${PARTNER_NAMES[partner]} on, ${what} (${flag}: true)`,
              flag,
            );
          }
          consent = { consent_user_id: scope.userId, consent_at: now };
        }
        const newSecret = body.password ?? body.token;
        const secret =
          newSecret !== undefined ? encryptSecret(ctx.keys, newSecret) : (before?.secret_ciphertext ?? null);
        if (partner === 'customerlink' && body.enabled && !secret)
          throw new HttpError(
            400,
            'invalid_input',
            'password: CustomerLink needs the FTP password',
            'password',
          );
        const values = {
          enabled: body.enabled,
          settings: JSON.stringify(body.settings),
          secret_ciphertext: secret,
          ...consent,
          updated_at: now,
        };
        const row = await trx
          .insertInto('partner_settings')
          .values({ ...keys, partner, ...values })
          .onConflict((oc) => oc.columns(['org_id', 'location_id', 'partner']).doUpdateSet(values))
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(
          trx,
          scope,
          `settings_${partner}`,
          'location',
          keys.location_id,
          {
            enabled: { from: before?.enabled ?? false, to: body.enabled },
            settings: body.settings,
            ...(body.password !== undefined ? { password: 'changed' } : {}),
            ...(body.token !== undefined ? { token: 'changed' } : {}),
            ...(flag && switchingOn ? { [flag]: true } : {}),
          },
          now,
        );
        return presentPartner(partner, row);
      });
    },
  });
}

export const partnerSettingsRoutes: ApiRoute[] = (['customerlink', 'mechanicnet', 'carfax'] as const).map(
  partnerRoute,
);
