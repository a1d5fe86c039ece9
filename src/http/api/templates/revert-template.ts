// DELETE /api/v1/locations/:locationId/templates/:kind/:channel/:language: Remove an override (back to the shipped template).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { revertTemplate } from '../../../commands/templates/revert-template.ts';
import { keyParams } from './shared.ts';

export const revertTemplateRoute = defineRoute({
  method: 'DELETE',
  path: '/locations/:locationId/templates/:kind/:channel/:language',
  summary: 'Remove an override (back to the shipped template)',
  tag: 'Templates',
  auth: 'templates.write',
  isolation: 'tenant',
  status: 204,
  params: keyParams,
  response: z.undefined(),
  example: (ids) => ({
    params: { locationId: ids.locationId, kind: 'THANK_YOU', channel: 'email', language: 'fr' },
  }),
  async handler({ db, scope, params, now }) {
    await db.transaction().execute((trx) => revertTemplate(trx, scope, params, now));
  },
});
