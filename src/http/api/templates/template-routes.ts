// Template overrides per location: list, save (validated by delivery's validateTemplate: an
// unknown merge field is a 400 naming it), revert to the shipped template, live preview.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { channel, id, iso, language } from '../schemas.ts';
import { HttpError, notFound } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { isKindCode } from '../../../domain/messages/kinds.ts';
import { validateTemplate } from '../../../delivery/templates/validate.ts';
import { renderMessagePreview } from '../../../delivery/templates/preview.ts';

const kind = z.string().max(20).refine(isKindCode, 'is not a message kind');
const keyParams = z.strictObject({ locationId: id, kind, channel, language });
const templateOut = z.object({ id: z.number(), kind: z.string(), channel: z.string(), language: z.string(), subject: z.string().nullable(), body: z.string(), version: z.number(), updated_by: z.number().nullable(), updated_at: z.string() });
type Row = { id: number; kind: string; channel: string; language: string; subject: string | null; body: string; version: number; updated_by: number | null; updated_at: Date };
const present = (t: Row) => ({ id: t.id, kind: t.kind, channel: t.channel, language: t.language, subject: t.subject, body: t.body, version: t.version, updated_by: t.updated_by, updated_at: iso(t.updated_at)! });
const exampleBody = { subject: 'Votre {{vehicle_make}} vous attend', body: '<p>Bonjour {{mailing_name}},</p><p>{{business_name}}</p>' };

function check(input: { kind: string; channel: 'email' | 'postcard'; subject: string | null | undefined; body: string }) {
  const result = validateTemplate(input);
  if (!result.ok) throw new HttpError(400, result.unknownField ? 'unknown_merge_field' : 'invalid_template', result.message, result.field);
}

export const listTemplatesRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/templates',
  summary: 'Template overrides of a location',
  tag: 'Templates',
  auth: 'templates.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({ kind: kind.optional(), channel: channel.optional(), language: language.optional() }),
  response: z.object({ items: z.array(templateOut) }),
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, params, query }) {
    let q = s.selectFrom('templates').selectAll().where('location_id', '=', s.location(params.locationId).location_id).orderBy('kind').orderBy('channel').orderBy('language');
    if (query.kind) q = q.where('kind', '=', query.kind);
    if (query.channel) q = q.where('channel', '=', query.channel);
    if (query.language) q = q.where('language', '=', query.language);
    return { items: (await q.execute()).map(present) };
  },
});

export const saveTemplateRoute = defineRoute({
  method: 'PUT',
  path: '/locations/:locationId/templates/:kind/:channel/:language',
  summary: 'Save a template override (unknown merge fields refused)',
  tag: 'Templates',
  auth: 'templates.write',
  isolation: 'tenant',
  params: keyParams,
  body: z.strictObject({ subject: z.string().max(300).nullable().optional(), body: z.string().max(50_000) }),
  response: templateOut,
  example: (ids) => ({ params: { locationId: ids.locationId, kind: 'THANK_YOU', channel: 'email', language: 'fr' }, body: exampleBody }),
  async handler({ db, scope, params, body, now }) {
    check({ kind: params.kind, channel: params.channel, subject: body.subject, body: body.body });
    return db.transaction().execute(async (trx) => {
      const keys = scoped(trx, scope).location(params.locationId);
      const values = { subject: body.subject ?? null, body: body.body, updated_by: scope.userId, updated_at: now };
      const row = await trx
        .insertInto('templates')
        .values({ ...keys, kind: params.kind, channel: params.channel, language: params.language, ...values })
        .onConflict((oc) => oc.columns(['org_id', 'location_id', 'kind', 'channel', 'language']).doUpdateSet((eb) => ({ ...values, version: eb('templates.version', '+', 1) })))
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, scope, 'save', 'template', row.id, { kind: params.kind, channel: params.channel, language: params.language, version: row.version }, now);
      return present(row);
    });
  },
});

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
  example: (ids) => ({ params: { locationId: ids.locationId, kind: 'THANK_YOU', channel: 'email', language: 'fr' } }),
  async handler({ db, scope, params, now }) {
    await db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const keys = s.location(params.locationId);
      const row = await s
        .deleteFrom('templates')
        .where('location_id', '=', keys.location_id)
        .where('kind', '=', params.kind)
        .where('channel', '=', params.channel)
        .where('language', '=', params.language)
        .returning('id')
        .executeTakeFirst();
      if (!row) throw notFound(`No ${params.kind} ${params.channel} ${params.language} override`);
      await audit(trx, scope, 'revert', 'template', row.id, { kind: params.kind, channel: params.channel, language: params.language }, now);
    });
  },
});

export const previewTemplateRoute = defineRoute({
  method: 'POST',
  path: '/locations/:locationId/templates/preview',
  summary: 'Render a template with sample data (a draft when subject/body are given)',
  tag: 'Templates',
  auth: 'templates.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  body: z.strictObject({ kind, channel, language, subject: z.string().max(300).nullable().optional(), body: z.string().max(50_000).optional() }),
  response: z.object({ subject: z.string(), html: z.string(), text: z.string() }),
  example: (ids) => ({ params: { locationId: ids.locationId }, body: { kind: 'THANK_YOU', channel: 'email', language: 'fr', ...exampleBody } }),
  async handler({ ctx, s, scope, params, body, now }) {
    const keys = s.location(params.locationId);
    const override = body.body !== undefined ? { subject: body.subject ?? null, body: body.body } : undefined;
    if (override) check({ kind: body.kind, channel: body.channel, subject: override.subject, body: override.body });
    try {
      return await renderMessagePreview(ctx.db, { orgId: scope.orgId, locationId: keys.location_id, kind: body.kind, channel: body.channel, language: body.language, override }, { publicUrl: ctx.config.publicUrl, now });
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw new HttpError(400, 'invalid_template', `The template cannot be rendered: ${(err as Error).message}`, 'body');
    }
  },
});
