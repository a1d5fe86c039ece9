// The operator of the installation (users.is_platform_admin): switches paid options per
// location and sees usage for billing. These are the only routes that read across tenants.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, listQuery, page } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { HttpError, notFound } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { unsafeListAllLocations, unsafeUsageByLocation } from '../../../tenancy/unsafe-operator-queries.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const operatorLocation = z.object({ id: z.number(), org_id: z.number(), org_name: z.string(), code: z.string(), name: z.string(), email_enabled: z.boolean(), postcards_enabled: z.boolean() });

export const listAllLocationsRoute = defineRoute({
  method: 'GET',
  path: '/operator/locations',
  summary: 'Every location of every organization, with its paid options',
  tag: 'Operator',
  auth: 'operator',
  isolation: { exempt: 'operator route: sees all organizations by design' },
  query: z.strictObject({ ...listQuery, org_id: id.optional() }),
  response: page(operatorLocation),
  async handler({ db, query }) {
    return pageOf(await unsafeListAllLocations(db, { after: decodeCursor(query.cursor), limit: query.limit, orgId: query.org_id }), query.limit, (r) => r);
  },
});

export const setLocationOptionsRoute = defineRoute({
  method: 'PATCH',
  path: '/operator/organizations/:orgId/locations/:locationId/options',
  summary: 'Switch paid options (360° email, postcards) for a location',
  tag: 'Operator',
  auth: 'operator',
  isolation: { exempt: 'operator route: acts on any organization by design' },
  params: z.strictObject({ orgId: id, locationId: id }),
  body: z.strictObject({ email_enabled: z.boolean().optional(), postcards_enabled: z.boolean().optional() }).refine((b) => b.email_enabled !== undefined || b.postcards_enabled !== undefined, 'give email_enabled and/or postcards_enabled'),
  response: operatorLocation.omit({ org_name: true }),
  example: (ids) => ({ params: { orgId: ids.orgId, locationId: ids.locationId }, body: { postcards_enabled: true } }),
  async handler({ db, scope, params, body, now }) {
    return db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('locations').select(['email_enabled', 'postcards_enabled']).where('org_id', '=', params.orgId).where('id', '=', params.locationId).forUpdate().executeTakeFirst();
      if (!before) throw notFound(`Location ${params.locationId} of organization ${params.orgId}`);
      const row = await trx
        .updateTable('locations')
        .set(body)
        .where('org_id', '=', params.orgId)
        .where('id', '=', params.locationId)
        .returning(['id', 'org_id', 'code', 'name', 'email_enabled', 'postcards_enabled'])
        .executeTakeFirstOrThrow();
      const changes = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]));
      await audit(trx, { ...scope, orgId: params.orgId }, 'set_options', 'location', params.locationId, changes, now);
      return row;
    });
  },
});

export const usageRoute = defineRoute({
  method: 'GET',
  path: '/operator/usage',
  summary: 'Messages sent per location, channel and month (billing)',
  tag: 'Operator',
  auth: 'operator',
  isolation: { exempt: 'operator route: sees all organizations by design' },
  query: z.strictObject({ from: month, to: month, org_id: id.optional() }),
  response: z.object({ items: z.array(z.object({ org_id: z.number(), location_id: z.number(), channel: z.string(), month: z.string(), count: z.number() })) }),
  example: () => ({ query: { from: '2026-01', to: '2026-03' } }),
  async handler({ db, query }) {
    if (query.to < query.from) throw new HttpError(400, 'invalid_input', 'to: must not be before from', 'to');
    const [y, m] = query.to.split('-').map(Number) as [number, number];
    const items = await unsafeUsageByLocation(db, new Date(`${query.from}-01T00:00:00Z`), new Date(Date.UTC(y, m, 1)), query.org_id);
    return { items };
  },
});
