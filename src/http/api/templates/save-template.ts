// PUT /api/v1/locations/:locationId/templates/:kind/:channel/:language: Save a template override (unknown merge fields refused).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { saveTemplate } from '../../../commands/templates/save-template.ts';
import { keyParams, templateOut, present, exampleBody } from './shared.ts';
import { MAX_TEMPLATE_LENGTH } from '../../../delivery/templates/validate.ts';

export const saveTemplateRoute = defineRoute({
  method: 'PUT',
  path: '/locations/:locationId/templates/:kind/:channel/:language',
  summary: 'Save a template override (unknown merge fields refused)',
  tag: 'Templates',
  auth: 'templates.write',
  isolation: 'tenant',
  params: keyParams,
  body: z.strictObject({
    subject: z.string().max(300).nullable().optional(),
    body: z.string().max(MAX_TEMPLATE_LENGTH.body),
  }),
  response: templateOut,
  example: (ids) => ({
    params: { locationId: ids.locationId, kind: 'THANK_YOU', channel: 'email', language: 'fr' },
    body: exampleBody,
  }),
  async handler({ db, scope, params, body, now }) {
    const row = await db
      .transaction()
      .execute((trx) =>
        saveTemplate(
          trx,
          scope,
          { ...params, kind: params.kind, subject: body.subject, body: body.body },
          now,
        ),
      );
    return present(row);
  },
});
