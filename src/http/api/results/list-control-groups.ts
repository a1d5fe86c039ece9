import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { KINDS } from '../../../domain/messages/kinds.ts';
import { locationParams } from './schema.ts';

export const listControlGroupsRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/control-groups',
  summary: 'The control-group share of every customer message kind (0: off, the default)',
  tag: 'Results',
  auth: 'rules.read',
  isolation: 'tenant',
  params: locationParams,
  response: z.object({
    items: z.array(z.object({ location_id: z.number(), kind: z.string(), share: z.number() })),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, params }) {
    const keys = s.location(params.locationId);
    const set = await s
      .selectFrom('control_groups')
      .select(['kind', 'share'])
      .where('location_id', '=', keys.location_id)
      .execute();
    const share = new Map(set.map((r) => [r.kind, Number(r.share)]));
    return {
      items: KINDS.filter((k) => k.audience === 'customer').map((k) => ({
        location_id: keys.location_id,
        kind: k.code,
        share: share.get(k.code) ?? 0,
      })),
    };
  },
});
