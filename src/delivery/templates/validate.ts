// validateTemplate: what the API calls when staff save a template override. An unknown merge
// field, a list used as a field (or the reverse), a malformed tag, or markup that could run code
// (script, on* handlers, javascript: links…) is refused with its name.
import { isKindCode } from '../../domain/messages/kinds.ts';
import { MERGE_FIELDS } from './fields.ts';
import { fieldsUsed, parseTemplate, TemplateSyntaxError, type Node } from './language.ts';
import { findUnsafeMarkup } from './unsafe-markup.ts';

export type TemplateCheck =
  | { ok: true }
  | { ok: false; field: 'kind' | 'channel' | 'subject' | 'body'; message: string; unknownField?: string };

export interface TemplateInput {
  kind: string;
  channel: 'email' | 'postcard';
  subject: string | null | undefined;
  body: string;
}

// A shipped template body is about 1 KB and a hand-written MJML layout rarely passes 10 KB; the
// compile time limit (email-compile-pool.ts) covers what is small but pathological.
export const MAX_TEMPLATE_LENGTH = { subject: 300, body: 20_000 } as const;
const MAX_LENGTH = MAX_TEMPLATE_LENGTH;

export function validateTemplate(input: TemplateInput): TemplateCheck {
  if (!isKindCode(input.kind))
    return { ok: false, field: 'kind', message: `Unknown message kind "${input.kind}"` };
  if (input.channel !== 'email' && input.channel !== 'postcard')
    return {
      ok: false,
      field: 'channel',
      message: `Channel must be email or postcard (got "${String(input.channel)}")`,
    };
  if (input.channel === 'email' && !input.subject?.trim())
    return { ok: false, field: 'subject', message: 'An email template needs a subject' };
  if (!input.body.trim()) return { ok: false, field: 'body', message: 'The template body is empty' };
  for (const part of ['subject', 'body'] as const) {
    const source = input[part] ?? '';
    if (source.length > MAX_LENGTH[part])
      return { ok: false, field: part, message: `The ${part} is longer than ${MAX_LENGTH[part]} characters` };
    let nodes: Node[];
    try {
      nodes = parseTemplate(source);
    } catch (err) {
      if (err instanceof TemplateSyntaxError)
        return { ok: false, field: part, message: `In the ${part}: ${err.message}` };
      throw err;
    }
    const problem = checkFields(nodes);
    if (problem)
      return {
        ok: false,
        field: part,
        message: `In the ${part}: ${problem.message}`,
        unknownField: problem.name,
      };
    const unsafe = findUnsafeMarkup(source);
    if (unsafe) return { ok: false, field: part, message: `In the ${part}: ${unsafe}` };
  }
  return { ok: true };
}

/** The first field a parsed template uses that we do not know, or uses the wrong way. */
export function checkFields(nodes: Node[]): { name: string; message: string } | null {
  for (const use of fieldsUsed(nodes)) {
    const listItems = use.inList ? MERGE_FIELDS[use.inList]?.list : undefined;
    if (use.inList && (use.name === 'this' || listItems?.includes(use.name))) {
      if (use.block === 'each') return { name: use.name, message: `"${use.name}" is not a list` };
      continue;
    }
    if (use.name === 'this') return { name: 'this', message: '{{this}} is only allowed inside {{#each}}' };
    const spec = MERGE_FIELDS[use.name];
    if (!spec) return { name: use.name, message: `Unknown merge field "${use.name}"` };
    if (use.block === 'each' && !spec.list)
      return { name: use.name, message: `"${use.name}" is not a list; use {{${use.name}}}` };
    if (use.block === 'field' && spec.list)
      return { name: use.name, message: `"${use.name}" is a list; use {{#each ${use.name}}}…{{/each}}` };
  }
  return null;
}
