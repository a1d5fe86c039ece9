// GET /api/v1/locations/:locationId/templates: Template overrides of a location.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, language } from '../schemas.ts';
import { kind, templateChannel, templateOut, present } from './shared.ts';

export const listTemplatesRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/templates',
  summary: 'Template overrides of a location',
  tag: 'Templates',
  auth: 'templates.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({
    kind: kind.optional(),
    channel: templateChannel.optional(),
    language: language.optional(),
  }),
  response: z.object({ items: z.array(templateOut) }),
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, params, query }) {
    let q = s
      .selectFrom('templates')
      .selectAll()
      .where('location_id', '=', s.location(params.locationId).location_id)
      .orderBy('kind')
      .orderBy('channel')
      .orderBy('language');
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (query.channel) q = q.where('channel', '=', query.channel);
    if (query.language) q = q.where('language', '=', query.language);
    return { items: (await q.execute()).map(present) };
  },
});
