// GET /merge-fields: the merge fields a template may use, with what each holds, so an editor can
// list them and insert them. The same table validateTemplate checks at save.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { MERGE_FIELDS } from '../../../delivery/templates/fields.ts';

export const listMergeFieldsRoute = defineRoute({
  method: 'GET',
  path: '/merge-fields',
  summary: 'Merge fields a template may use (name, description, item fields of lists)',
  tag: 'Templates',
  auth: 'templates.read',
  isolation: { exempt: 'reads no tenant data (the fixed list of merge fields)' },
  response: z.object({
    items: z.array(
      z.object({ name: z.string(), description: z.string(), list: z.array(z.string()).nullable() }),
    ),
  }),
  async handler() {
    return {
      items: Object.entries(MERGE_FIELDS).map(([name, spec]) => ({
        name,
        description: spec.description,
        list: spec.list ? [...spec.list] : null,
      })),
    };
  },
});
