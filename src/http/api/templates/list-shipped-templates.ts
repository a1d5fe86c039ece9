// GET /shipped-templates: the templates Relance ships (per kind, channel and language), so an
// editor can start from the shipped text and a shop can see what an override replaces.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { language } from '../schemas.ts';
import { templateChannel } from './shared.ts';
import { defaultTemplates } from '../../../delivery/templates/defaults.ts';
import { shippedText, textKinds } from '../../../delivery/sms/text-templates.ts';
import { LANGUAGES } from '../../../domain/language.ts';

export const listShippedTemplatesRoute = defineRoute({
  method: 'GET',
  path: '/shipped-templates',
  summary: 'The shipped templates (filter by kind, channel, language)',
  tag: 'Templates',
  auth: 'templates.read',
  isolation: { exempt: 'reads no tenant data (the templates Relance ships)' },
  query: z.strictObject({
    kind: z.string().max(20).optional(),
    channel: templateChannel.optional(),
    language: language.optional(),
  }),
  response: z.object({
    items: z.array(
      z.object({
        kind: z.string(),
        channel: z.string(),
        language: z.string(),
        subject: z.string(),
        body: z.string(),
      }),
    ),
  }),
  example: () => ({ query: { kind: 'E01', channel: 'email', language: 'fr' } }),
  async handler({ query }) {
    const items = [...defaultTemplates()].map(([key, t]) => {
      const [kind = '', ch = '', lang = ''] = key.split('|');
      return { kind, channel: ch, language: lang, subject: t.subject, body: t.body };
    });
    // Texts: a body only (subject empty), for the kinds sent by text.
    for (const kind of textKinds())
      for (const lang of LANGUAGES)
        items.push({
          kind,
          channel: 'sms',
          language: lang,
          subject: '',
          body: shippedText(kind, lang) ?? '',
        });
    return {
      items: items.filter(
        (t) =>
          (!query.kind || t.kind === query.kind) &&
          (!query.channel || t.channel === query.channel) &&
          (!query.language || t.language === query.language),
      ),
    };
  },
});
