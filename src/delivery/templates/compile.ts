// A template version is compiled once (MJML → HTML, HTML → plain text, both parsed into our
// template tree) and cached by a hash of its source; sending then only interpolates escaped values.
import { createHash } from 'node:crypto';
import type { Language } from '../../domain/language.ts';
import { t } from '../../i18n/delivery-strings.ts';
import { parseTemplate, renderNodes, type Node, type Scope } from './language.ts';
import { compileEmailOffThread } from './email-compile-pool.ts';
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
  const hash = createHash('sha256')
    .update(JSON.stringify([input.channel, input.audience, input.language, input.subject, input.body]))
    .digest('hex');
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
  const inner = /<mj-/.test(input.body)
    ? input.body
    : `<mj-text css-class="body" font-size="15px" line-height="1.55">${paragraphs(input.body)}</mj-text>`;
  // MJML and the text pass run on a pool thread with a time limit: staff write these templates.
  const result = await compileEmailOffThread({
    mjml: emailLayout(input, inner, preheader(input.body) ?? input.subject),
    textHtml: paragraphs(input.body),
  });
  const html = parseTemplate(result.html);
  const text = parseTemplate(textLayout(input, result.text));
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

/**
 * Blank-line separated paragraphs become <p> unless they already start with a tag (also after
 * opening {{#if}}/{{#each}} tags: never <p><p>). A paragraph that is one {{#if}} block is wrapped
 * inside it, so a false condition leaves no empty <p></p>.
 */
export function paragraphs(body: string): string {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(paragraph)
    .join('\n');
}

const OPENING_BLOCKS = /^(\{\{\s*#(if|each)\s+[\w.]+\s*\}\}\s*)+/;

function paragraph(p: string): string {
  if (p.replace(OPENING_BLOCKS, '').startsWith('<')) return p;
  const whole = /^\{\{\s*#if\s+([\w.]+)\s*\}\}([\s\S]*)\{\{\s*\/if\s*\}\}$/.exec(p);
  if (whole && closesAtEnd(whole[2]!)) return `{{#if ${whole[1]}}}${paragraph(whole[2]!.trim())}{{/if}}`;
  return `<p>${p.replace(/\n/g, '<br/>')}</p>`;
}

/** True when the {{#if}} opened before `inner` is the one closed after it (no {{else}} of its own). */
function closesAtEnd(inner: string): boolean {
  let depth = 0;
  for (const m of inner.matchAll(/\{\{\s*(#if|\/if|else)\b[^}]*\}\}/g)) {
    if (m[1] === '#if') depth++;
    else if (m[1] === '/if' && --depth < 0) return false;
    else if (m[1] === 'else' && depth === 0) return false;
  }
  return depth === 0;
}

// The frame every email shares: the business as header, the signature (General settings),
// and for customers the legal footer (identity, address, unsubscribe) that a template cannot drop.
function emailLayout(input: CompileInput, inner: string, preview: string): string {
  const l = input.language;
  const footer =
    input.audience === 'customer'
      ? `${esc(t(l, 'footer_reason', { business: '{{business_name}}' }))}<br/>{{business_name}} · {{business_address}}<br/><a href="{{unsubscribe_link}}" style="color:#777777">${esc(t(l, 'unsubscribe'))}</a>`
      : esc(t(l, 'footer_staff', { business: '{{business_name}}' }));
  const signature =
    input.audience === 'customer'
      ? `<mj-text font-size="15px" line-height="1.5">${esc(t(l, 'closing'))}<br/><br/>{{#if business_owner}}{{business_owner}}<br/>{{/if}}<strong>{{business_name}}</strong>{{#if business_phone}}<br/>{{business_phone}}{{/if}}{{#if business_email}}<br/><a href="mailto:{{business_email}}">{{business_email}}</a>{{/if}}</mj-text>`
      : '';
  return `<mjml lang="${l}">
  <mj-head>
    <mj-title>${input.subject}</mj-title>
    <mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" color="#222222" /></mj-attributes>
  </mj-head>
  <mj-body background-color="#f2f3f5">
    <mj-raw><div style="display:none;max-height:0;overflow:hidden;mso-hide:all" aria-hidden="true">${preview}</div></mj-raw>
    <mj-section background-color="#1f3a5f" padding="16px"><mj-column><mj-text color="#ffffff" font-size="20px" font-weight="bold">{{business_name}}</mj-text></mj-column></mj-section>
    <mj-section background-color="#ffffff" padding="8px 16px"><mj-column>
${inner}
${signature}
    </mj-column></mj-section>
    <mj-section padding="12px"><mj-column><mj-text font-size="11px" color="#777777" align="center">${footer}</mj-text></mj-column></mj-section>
  </mj-body>
</mjml>`;
}

/**
 * The preview line mail clients show after the subject: the message's first sentence of text
 * after the greeting (so it is in the message's language and says what the message is about),
 * else the subject. Hidden with display:none, not with white-on-white text, which spam filters
 * score as hiding (HTML_FONT_LOW_CONTRAST).
 */
function preheader(body: string): string | null {
  if (/<mj-/.test(body)) return null;
  const paras = body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const [i, p] of paras.entries()) {
    if (p.replace(OPENING_BLOCKS, '').startsWith('<')) continue;
    // Runs on this thread: a long paragraph (never a preheader) must not feed the text pass.
    if (p.length > 1_000) continue;
    const text = htmlToText(p).replace(/\s+/g, ' ').trim();
    // The greeting: a short first line ending with "," or ":".
    if (i === 0 && text.length < 80 && /[,:](\{\{[^}]*\}\})*$/.test(text)) continue;
    try {
      parseTemplate(text);
      return esc(text);
    } catch {
      return null; // a block spanning paragraphs: the subject will do
    }
  }
  return null;
}

function textLayout(input: CompileInput, bodyText: string): string {
  const l = input.language;
  if (input.audience === 'staff')
    return `${bodyText}\n\n-- \n${t(l, 'footer_staff', { business: '{{business_name}}' })}\n`;
  return `${bodyText}\n\n${t(l, 'closing')}\n\n{{#if business_owner}}{{business_owner}}\n{{/if}}{{business_name}}\n{{#if business_phone}}{{business_phone}}\n{{/if}}{{#if business_email}}{{business_email}}\n{{/if}}\n-- \n${t(l, 'footer_reason', { business: '{{business_name}}' })}\n{{business_address}}\n${t(l, 'unsubscribe_text')} {{unsubscribe_link}}\n`;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
