// The shipped templates, one data file per language (defaults/en.tpl, fr.tpl, es.tpl):
//   === KIND channel        starts a template (channel: email | postcard)
//   subject: …              its subject (email) or front headline (postcard)
//   …                       its body until the next ===  (lines starting with # are comments)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type Language } from '../../domain/language.ts';

export interface TemplateSource {
  subject: string;
  body: string;
}

let loaded: Map<string, TemplateSource> | null = null;

export const defaultKey = (kind: string, channel: string, language: Language) =>
  `${kind}|${channel}|${language}`;

export function parseTemplateFile(
  text: string,
  file: string,
): Map<string, TemplateSource & { kind: string; channel: string }> {
  const out = new Map<string, TemplateSource & { kind: string; channel: string }>();
  const sections = text.split(/^=== /m).slice(1);
  for (const section of sections) {
    const [head = '', ...lines] = section.split('\n');
    const [kind, channel] = head.trim().split(/\s+/);
    if (!kind || (channel !== 'email' && channel !== 'postcard'))
      throw new Error(`${file}: bad section header "=== ${head}"`);
    const body = lines.filter((l) => !l.startsWith('#'));
    const subjectLine = body.findIndex((l) => l.startsWith('subject:'));
    if (subjectLine < 0) throw new Error(`${file}: ${kind} ${channel} has no subject: line`);
    const subject = body[subjectLine]!.slice('subject:'.length).trim();
    body.splice(subjectLine, 1);
    out.set(`${kind}|${channel}`, { kind, channel, subject, body: body.join('\n').trim() });
  }
  return out;
}

export function defaultTemplates(): Map<string, TemplateSource> {
  if (loaded) return loaded;
  const all = new Map<string, TemplateSource>();
  for (const language of LANGUAGES) {
    const file = join(import.meta.dirname, 'defaults', `${language}.tpl`);
    for (const t of parseTemplateFile(readFileSync(file, 'utf8'), file).values()) {
      all.set(defaultKey(t.kind, t.channel, language), { subject: t.subject, body: t.body });
    }
  }
  loaded = all;
  return all;
}

export function defaultTemplate(
  kind: string,
  channel: 'email' | 'postcard',
  language: Language,
): TemplateSource {
  const t = defaultTemplates().get(defaultKey(kind, channel, language));
  if (!t) throw new Error(`No shipped ${channel} template for ${kind} in ${language}`);
  return t;
}
