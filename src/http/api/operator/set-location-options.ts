// PATCH /api/v1/operator/organizations/:orgId/locations/:locationId/options: Switch paid options (360° email, postcards, texts) for a location.
import { setLocationOptions } from '../../../commands/locations/set-location-options.ts';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { operatorLocation } from './shared.ts';

export const setLocationOptionsRoute = defineRoute({
  method: 'PATCH',
  path: '/operator/organizations/:orgId/locations/:locationId/options',
  summary: 'Switch paid options (360° email, postcards, texts) for a location',
  tag: 'Operator',
  auth: 'operator',
  isolation: { exempt: 'operator route: acts on any organization by design' },
  params: z.strictObject({ orgId: id, locationId: id }),
  body: z
    .strictObject({
      email_enabled: z.boolean().optional(),
      postcards_enabled: z.boolean().optional(),
      sms_enabled: z.boolean().optional(),
    })
    .refine(
      (b) =>
        b.email_enabled !== undefined || b.postcards_enabled !== undefined || b.sms_enabled !== undefined,
      'give email_enabled, postcards_enabled and/or sms_enabled',
    ),
  response: operatorLocation.omit({ org_name: true }),
  example: (ids) => ({
    params: { orgId: ids.orgId, locationId: ids.locationId },
    body: { postcards_enabled: true },
  }),
  async handler({ db, scope, params, body, now }) {
    return db
      .transaction()
      .execute((trx) =>
        setLocationOptions(
          trx,
          scope,
          { orgId: params.orgId, locationId: params.locationId, options: body },
          now,
        ),
      );
  },
});
