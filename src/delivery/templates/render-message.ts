// Picks the template of a message (the location's override, else the shipped one), compiles it
// once per version, and interpolates the merge data.
import type { Language } from '../../domain/language.ts';
import { kindSpec } from '../../domain/messages/kinds.ts';
import { compileTemplate, renderCompiled, type CompiledTemplate, type Rendered } from './compile.ts';
import { defaultTemplate } from './defaults.ts';
import type { Scope } from './language.ts';
import { checkFields } from './validate.ts';
import { parseTemplate } from './language.ts';
import { findUnsafeMarkup } from './unsafe-markup.ts';

export interface TemplateChoice {
  kind: string;
  channel: 'email' | 'postcard';
  language: Language;
  override?: { subject: string | null; body: string } | null;
}

export async function renderTemplate(choice: TemplateChoice, data: Scope): Promise<Rendered> {
  return renderCompiled(await compiledFor(choice), data);
}

// The compiled template of each source object (ours are loaded once; an override object lives as
// long as the batch that loaded it), so a batch of messages hashes and checks its template once,
// not once per message. The hash-keyed cache in compile.ts still shares equal sources.
const bySource = new WeakMap<object, Map<string, Promise<CompiledTemplate>>>();

function compiledFor(choice: TemplateChoice): Promise<CompiledTemplate> {
  const key = `${choice.kind}|${choice.channel}|${choice.language}`;
  const owner = choice.override ?? defaultTemplate(choice.kind, choice.channel, choice.language);
  let perKey = bySource.get(owner);
  if (!perKey) bySource.set(owner, (perKey = new Map()));
  let hit = perKey.get(key);
  if (!hit) {
    const audience = kindSpec(choice.kind).audience;
    const source = usableOverride(choice) ?? defaultTemplate(choice.kind, choice.channel, choice.language);
    hit = compileTemplate({
      channel: choice.channel,
      audience,
      language: choice.language,
      subject: source.subject ?? '',
      body: source.body,
    });
    hit.catch(() => perKey.delete(key));
    perKey.set(key, hit);
  }
  return hit;
}

// An override saved before a field was renamed must not send blanks, and one written around the
// API's checks (straight into the database, or before markup was checked) must not carry script:
// fall back to ours.
function usableOverride(choice: TemplateChoice): { subject: string; body: string } | null {
  const o = choice.override;
  if (!o) return null;
  try {
    const subject = o.subject ?? defaultTemplate(choice.kind, choice.channel, choice.language).subject;
    if (checkFields(parseTemplate(subject)) || checkFields(parseTemplate(o.body))) return null;
    if (findUnsafeMarkup(subject) || findUnsafeMarkup(o.body)) return null;
    return { subject, body: o.body };
  } catch {
    return null;
  }
}
