// The text of a message: the location's override (templates, channel 'sms'), else the shipped one
// (templates/en.tpl, fr.tpl, es.tpl: "=== KIND" then the body), in the template language of
// email (delivery/templates/language.ts) rendered as plain text, one line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type Language } from '../../domain/language.ts';
import { parseTemplate, renderNodes, type Node, type Scope } from '../templates/language.ts';
import { checkFields } from '../templates/validate.ts';

let shipped: Map<string, string> | null = null;

export function parseTextTemplates(text: string, file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const section of text.split(/^=== /m).slice(1)) {
    const [head = '', ...lines] = section.split('\n');
    const kind = head.trim();
    if (!/^[A-Z0-9_]+$/.test(kind)) throw new Error(`${file}: bad section header "=== ${head}"`);
    out.set(
      kind,
      lines
        .filter((l) => !l.startsWith('#'))
        .join(' ')
        .trim(),
    );
  }
  return out;
}

function shippedTexts(): Map<string, string> {
  if (shipped) return shipped;
  const all = new Map<string, string>();
  for (const language of LANGUAGES) {
    const file = join(import.meta.dirname, 'templates', `${language}.tpl`);
    for (const [kind, body] of parseTextTemplates(readFileSync(file, 'utf8'), file))
      all.set(`${kind}|${language}`, body);
  }
  return (shipped = all);
}

/** The shipped text of a kind, or null when the kind is not sent by text. */
export function shippedText(kind: string, language: Language): string | null {
  return shippedTexts().get(`${kind}|${language}`) ?? null;
}

export function textKinds(): string[] {
  return [...new Set([...shippedTexts().keys()].map((k) => k.split('|')[0]!))];
}

const compiled = new Map<string, Node[]>();

function parsed(body: string): Node[] {
  let nodes = compiled.get(body);
  if (!nodes) {
    nodes = parseTemplate(body);
    if (compiled.size > 2_000) compiled.clear();
    compiled.set(body, nodes);
  }
  return nodes;
}

/** An override naming an unknown field or failing to parse falls back to ours, as for email. */
function usable(body: string | null | undefined): string | null {
  if (!body) return null;
  try {
    return checkFields(parsed(body)) ? null : body;
  } catch {
    return null;
  }
}

export function renderText(
  choice: { kind: string; language: Language; override?: string | null },
  data: Scope,
): string {
  const body = usable(choice.override) ?? shippedText(choice.kind, choice.language);
  if (body === null) throw new Error(`No text template for ${choice.kind} in ${choice.language}`);
  return renderNodes(parsed(body), [data], 'text').replace(/\s+/g, ' ').trim();
}
