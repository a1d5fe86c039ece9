// PATCH /api/v1/operator/organizations/:orgId/locations/:locationId/options: Switch paid options (360° email, postcards) for a location.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { operatorLocation } from './shared.ts';

export const setLocationOptionsRoute = defineRoute({
  method: 'PATCH',
  path: '/operator/organizations/:orgId/locations/:locationId/options',
  summary: 'Switch paid options (360° email, postcards) for a location',
  tag: 'Operator',
  auth: 'operator',
  isolation: { exempt: 'operator route: acts on any organization by design' },
  params: z.strictObject({ orgId: id, locationId: id }),
  body: z
    .strictObject({ email_enabled: z.boolean().optional(), postcards_enabled: z.boolean().optional() })
    .refine(
      (b) => b.email_enabled !== undefined || b.postcards_enabled !== undefined,
      'give email_enabled and/or postcards_enabled',
    ),
  response: operatorLocation.omit({ org_name: true }),
  example: (ids) => ({
    params: { orgId: ids.orgId, locationId: ids.locationId },
    body: { postcards_enabled: true },
  }),
  async handler({ db, scope, params, body, now }) {
    return db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('locations')
        .select(['email_enabled', 'postcards_enabled'])
        .where('org_id', '=', params.orgId)
        .where('id', '=', params.locationId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound(`Location ${params.locationId} of organization ${params.orgId}`);
      const row = await trx
        .updateTable('locations')
        .set(body)
        .where('org_id', '=', params.orgId)
        .where('id', '=', params.locationId)
        .returning(['id', 'org_id', 'code', 'name', 'email_enabled', 'postcards_enabled'])
        .executeTakeFirstOrThrow();
      const changes = Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
      );
      await audit(
        trx,
        { ...scope, orgId: params.orgId },
        'set_options',
        'location',
        params.locationId,
        changes,
        now,
      );
      return row;
    });
  },
});
