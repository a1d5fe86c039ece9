// POST /api/v1/locations/:locationId/text-templates/preview: a text template (the shipped one, or
// a draft body) rendered with sample data, with its encoding and segment count (GSM-7: 160, then
// 153 per segment; one character outside GSM-7 makes it UCS-2: 70, then 67).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, language } from '../schemas.ts';
import { HttpError } from '../../errors.ts';
import { previewText } from '../../../delivery/sms/preview-text.ts';
import { textKinds } from '../../../delivery/sms/text-templates.ts';
import { checkFields } from '../../../delivery/templates/validate.ts';
import { parseTemplate } from '../../../delivery/templates/language.ts';

export const previewTextTemplateRoute = defineRoute({
  method: 'POST',
  path: '/locations/:locationId/text-templates/preview',
  summary: 'Render a text template with sample data, with its encoding (GSM-7 or UCS-2) and segment count',
  tag: 'Templates',
  auth: 'templates.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  // Only the kinds sent by text (every customer kind but the E03 survey).
  body: z.strictObject({
    kind: z.enum(textKinds() as [string, ...string[]]),
    language,
    body: z.string().min(1).max(1600).optional(),
  }),
  response: z.object({
    body: z.string(),
    encoding: z.enum(['GSM-7', 'UCS-2']),
    segments: z.number(),
    characters: z.number(),
    nonGsm: z.array(z.string()),
  }),
  example: (ids) => ({ params: { locationId: ids.locationId }, body: { kind: 'E04', language: 'fr' } }),
  async handler({ ctx, s, params, body, now }) {
    const location = await s.getLocation(params.locationId, 'locationId');
    if (body.body !== undefined) {
      let problem: { message: string } | null;
      try {
        problem = checkFields(parseTemplate(body.body));
      } catch (err) {
        problem = { message: (err as Error).message };
      }
      if (problem) throw new HttpError(400, 'invalid_input', `body: ${problem.message}`, 'body');
    }
    return previewText({
      kind: body.kind,
      language: body.language,
      location,
      override: body.body ?? null,
      publicUrl: ctx.config.publicUrl,
      now,
    });
  },
});
