// POST /api/v1/locations/:locationId/templates/postcard/preview: a postcard template (a draft when
// subject/body are given) printed as the card: a PDF of its front and back with sample data, under
// the same limits as the email preview (template length, render time).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, language } from '../schemas.ts';
import { HttpError } from '../../errors.ts';
import { renderMessagePreview } from '../../../delivery/templates/preview.ts';
import { renderPostcardPreviewPdf } from '../../../delivery/postcards/preview-postcard.ts';
import { kind, check, tooComplex } from './shared.ts';
import { MAX_TEMPLATE_LENGTH } from '../../../delivery/templates/validate.ts';
import { TemplateTooComplexError } from '../../../delivery/templates/email-compile-pool.ts';

export const previewPostcardRoute = defineRoute({
  method: 'POST',
  path: '/locations/:locationId/templates/postcard/preview',
  summary:
    'A postcard template printed with sample data: application/pdf, the front and the back (a draft when subject/body are given)',
  tag: 'Templates',
  auth: 'templates.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  body: z.strictObject({
    kind,
    language,
    subject: z.string().max(300).nullable().optional(),
    body: z.string().max(MAX_TEMPLATE_LENGTH.body).optional(),
  }),
  response: z.instanceof(Buffer),
  produces: 'application/pdf',
  example: (ids) => ({
    params: { locationId: ids.locationId },
    body: {
      kind: 'THANK_YOU',
      language: 'fr',
      subject: 'Merci {{first_name}}',
      body: 'Merci de votre visite chez {{business_name}}.',
    },
  }),
  async handler({ ctx, s, scope, params, body, now, reply }) {
    const location = await s.getLocation(params.locationId);
    const override = body.body !== undefined ? { subject: body.subject ?? null, body: body.body } : undefined;
    if (override)
      check({ kind: body.kind, channel: 'postcard', subject: override.subject, body: override.body });
    let rendered;
    try {
      rendered = await renderMessagePreview(
        ctx.db,
        {
          orgId: scope.orgId,
          locationId: location.id,
          kind: body.kind,
          channel: 'postcard',
          language: body.language,
          override,
        },
        { publicUrl: ctx.config.publicUrl, now },
      );
    } catch (err) {
      if (err instanceof HttpError) throw err;
      if (err instanceof TemplateTooComplexError) throw tooComplex(err);
      throw new HttpError(
        400,
        'invalid_template',
        `The template cannot be rendered: ${(err as Error).message}`,
        'body',
      );
    }
    const pdf = await renderPostcardPreviewPdf(rendered, {
      language: body.language,
      location,
      publicUrl: ctx.config.publicUrl,
      now,
      title: `${body.kind} ${body.language}`,
    });
    reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${body.kind}-${body.language}.pdf"`);
    return pdf;
  },
});
