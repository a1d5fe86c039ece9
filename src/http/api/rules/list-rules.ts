// GET /api/v1/locations/:locationId/message-rules: Day settings of every message kind and channel.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { ruleOut, present } from './shared.ts';

export const listRulesRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/message-rules',
  summary: 'Day settings of every message kind and channel',
  tag: 'Message rules',
  auth: 'rules.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({
    kind: z.string().max(20).optional(),
    channel: z.enum(['email', 'postcard', 'sms']).optional(),
  }),
  response: z.object({ items: z.array(ruleOut) }),
  example: (ids) => ({ params: { locationId: ids.locationId }, query: { channel: 'email' } }),
  async handler({ s, params, query }) {
    let q = s
      .selectFrom('message_rules')
      .selectAll()
      .where('location_id', '=', s.location(params.locationId).location_id)
      .orderBy('priority')
      .orderBy('kind')
      .orderBy('channel');
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (query.channel) q = q.where('channel', '=', query.channel);
    return { items: (await q.execute()).map(present) };
  },
});
