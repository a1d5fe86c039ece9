// POST /api/v1/locations/:locationId/templates/preview: Render a template with sample data (a draft when subject/body are given).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { channel, id, language } from '../schemas.ts';
import { HttpError } from '../../errors.ts';
import { PromotionNotFoundError, renderMessagePreview } from '../../../delivery/templates/preview.ts';
import { kind, exampleBody, check, tooComplex } from './shared.ts';
import { MAX_TEMPLATE_LENGTH } from '../../../delivery/templates/validate.ts';
import { TemplateTooComplexError } from '../../../delivery/templates/email-compile-pool.ts';

export const previewTemplateRoute = defineRoute({
  method: 'POST',
  path: '/locations/:locationId/templates/preview',
  summary: 'Render a template with sample data (a draft when subject/body are given)',
  tag: 'Templates',
  auth: 'templates.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  body: z.strictObject({
    kind,
    channel,
    language,
    subject: z.string().max(300).nullable().optional(),
    body: z.string().max(MAX_TEMPLATE_LENGTH.body).optional(),
    /** A promotion of the location offered in place of the sample one (a promotion campaign, E07). */
    promotion_id: id.optional(),
  }),
  response: z.object({ subject: z.string(), html: z.string(), text: z.string() }),
  example: (ids) => ({
    params: { locationId: ids.locationId },
    body: { kind: 'THANK_YOU', channel: 'email', language: 'fr', ...exampleBody },
  }),
  async handler({ ctx, s, scope, params, body, now }) {
    const keys = s.location(params.locationId);
    const override = body.body !== undefined ? { subject: body.subject ?? null, body: body.body } : undefined;
    if (override)
      check({ kind: body.kind, channel: body.channel, subject: override.subject, body: override.body });
    try {
      return await renderMessagePreview(
        ctx.db,
        {
          orgId: scope.orgId,
          locationId: keys.location_id,
          kind: body.kind,
          channel: body.channel,
          language: body.language,
          override,
          ...(body.promotion_id !== undefined ? { promotionId: body.promotion_id } : {}),
        },
        { publicUrl: ctx.config.publicUrl, now },
      );
    } catch (err) {
      if (err instanceof HttpError) throw err;
      if (err instanceof PromotionNotFoundError)
        throw new HttpError(404, 'not_found', 'promotion not found', 'promotion_id');
      if (err instanceof TemplateTooComplexError) throw tooComplex(err);
      throw new HttpError(
        400,
        'invalid_template',
        `The template cannot be rendered: ${(err as Error).message}`,
        'body',
      );
    }
  },
});
