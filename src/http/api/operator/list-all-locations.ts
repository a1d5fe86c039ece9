// GET /api/v1/operator/locations: Every location of every organization, with its paid options.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, listQuery, page } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { unsafeListAllLocations } from '../../../tenancy/unsafe-operator-queries.ts';
import { operatorLocation } from './shared.ts';

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
    return pageOf(
      await unsafeListAllLocations(db, {
        after: decodeCursor(query.cursor),
        limit: query.limit,
        orgId: query.org_id,
      }),
      query.limit,
      (r) => r,
    );
  },
});
