// A template version is compiled once (MJML → HTML, HTML → plain text, both parsed into our
// template tree) and cached by a hash of its source; sending then only interpolates escaped values.
import { createHash } from 'node:crypto';
import mjml2html from 'mjml';
import type { Language } from '../../db/schema.ts';
import { t } from '../../i18n/delivery-strings.ts';
import { parseTemplate, renderNodes, type Node, type Scope } from './language.ts';
import { htmlToText } from './html-to-text.ts';

export interface CompileInput {
  channel: 'email' | 'postcard';
  audience: 'customer' | 'staff';
  language: Language;
  subject: string;
  body: string;
}

export interface CompiledTemplate {
  hash: string;
  subject: Node[];
  html: Node[];
  text: Node[];
}

export interface Rendered {
  subject: string;
  html: string;
  text: string;
}

const cache = new Map<string, Promise<CompiledTemplate>>();
const MAX_CACHE = 2_000;

export function compileTemplate(input: CompileInput): Promise<CompiledTemplate> {
  const hash = createHash('sha256').update(JSON.stringify([input.channel, input.audience, input.language, input.subject, input.body])).digest('hex');
  let hit = cache.get(hash);
  if (!hit) {
    if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value!);
    hit = build(input, hash);
    hit.catch(() => cache.delete(hash));
    cache.set(hash, hit);
  }
  return hit;
}

async function build(input: CompileInput, hash: string): Promise<CompiledTemplate> {
  const subject = parseTemplate(input.subject);
  const body = parseTemplate(input.body); // syntax errors surface before MJML sees the text
  if (input.channel === 'postcard') return { hash, subject, html: body, text: body };
  const inner = /<mj-/.test(input.body) ? input.body : `<mj-text css-class="body" font-size="15px" line-height="1.55">${paragraphs(input.body)}</mj-text>`;
  const result = await mjml2html(emailLayout(input, inner), { validationLevel: 'soft', keepComments: false });
  const html = parseTemplate(result.html);
  const text = parseTemplate(textLayout(input, htmlToText(paragraphs(input.body))));
  void body;
  return { hash, subject, html, text };
}

export function renderCompiled(compiled: CompiledTemplate, data: Scope): Rendered {
  return {
    subject: renderNodes(compiled.subject, [data], 'text').replace(/\s+/g, ' ').trim(),
    html: renderNodes(compiled.html, [data], 'html'),
    text: renderNodes(compiled.text, [data], 'text').replace(/\n{3,}/g, '\n\n'),
  };
}

/** Blank-line separated paragraphs become <p> unless they already start with a tag. */
function paragraphs(body: string): string {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => (p.startsWith('<') ? p : `<p>${p.replace(/\n/g, '<br/>')}</p>`))
    .join('\n');
}

// The frame every email shares: the business as header, the signature (General settings),
// and for customers the legal footer (identity, address, unsubscribe) that a template cannot drop.
function emailLayout(input: CompileInput, inner: string): string {
  const l = input.language;
  const footer =
    input.audience === 'customer'
      ? `${esc(t(l, 'footer_reason', { business: '{{business_name}}' }))}<br/>{{business_name}} · {{business_address}}<br/><a href="{{unsubscribe_link}}" style="color:#777777">${esc(t(l, 'unsubscribe'))}</a>`
      : esc(t(l, 'footer_staff', { business: '{{business_name}}' }));
  const signature =
    input.audience === 'customer'
      ? `<mj-text font-size="15px" line-height="1.5">${esc(t(l, 'closing'))}<br/><br/>{{business_owner}}<br/><strong>{{business_name}}</strong><br/>{{business_phone}}<br/><a href="mailto:{{business_email}}">{{business_email}}</a></mj-text>`
      : '';
  return `<mjml lang="${l}">
  <mj-head>
    <mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" color="#222222" /></mj-attributes>
    <mj-preview>{{business_name}}</mj-preview>
  </mj-head>
  <mj-body background-color="#f2f3f5">
    <mj-section background-color="#1f3a5f" padding="16px"><mj-column><mj-text color="#ffffff" font-size="20px" font-weight="bold">{{business_name}}</mj-text></mj-column></mj-section>
    <mj-section background-color="#ffffff" padding="8px 16px"><mj-column>
${inner}
${signature}
    </mj-column></mj-section>
    <mj-section padding="12px"><mj-column><mj-text font-size="11px" color="#777777" align="center">${footer}</mj-text></mj-column></mj-section>
  </mj-body>
</mjml>`;
}

function textLayout(input: CompileInput, bodyText: string): string {
  const l = input.language;
  if (input.audience === 'staff') return `${bodyText}\n\n-- \n${t(l, 'footer_staff', { business: '{{business_name}}' })}\n`;
  return `${bodyText}\n\n${t(l, 'closing')}\n\n{{business_owner}}\n{{business_name}}\n{{business_phone}}\n{{business_email}}\n\n-- \n${t(l, 'footer_reason', { business: '{{business_name}}' })}\n{{business_address}}\n${t(l, 'unsubscribe_text')} {{unsubscribe_link}}\n`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
