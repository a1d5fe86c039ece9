// GET /api/v1/operator/usage: Messages sent per location, channel and month (billing).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { HttpError } from '../../errors.ts';
import { unsafeUsageByLocation } from '../../../tenancy/unsafe-operator-queries.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

export const usageRoute = defineRoute({
  method: 'GET',
  path: '/operator/usage',
  summary: 'Messages sent per location, channel and month (billing)',
  tag: 'Operator',
  auth: 'operator',
  isolation: { exempt: 'operator route: sees all organizations by design' },
  query: z.strictObject({ from: month, to: month, org_id: id.optional() }),
  response: z.object({
    items: z.array(
      z.object({
        org_id: z.number(),
        location_id: z.number(),
        channel: z.string(),
        month: z.string(),
        count: z.number(),
      }),
    ),
  }),
  example: () => ({ query: { from: '2026-01', to: '2026-03' } }),
  async handler({ db, query }) {
    if (query.to < query.from) throw new HttpError(400, 'invalid_input', 'to: must not be before from', 'to');
    const [y, m] = query.to.split('-').map(Number) as [number, number];
    const items = await unsafeUsageByLocation(
      db,
      new Date(`${query.from}-01T00:00:00Z`),
      new Date(Date.UTC(y, m, 1)),
      query.org_id,
    );
    return { items };
  },
});
