// Staff write HTML (or MJML) in template overrides, and MJML passes it through untouched to the
// preview and to the customer's mail client. So markup that could run code or pull in content is
// refused at save (validateTemplate), with what was found: code elements, on* handlers,
// javascript:/vbscript:/data: URLs (entity-encoded or split by whitespace too), CSS expressions,
// and merge fields where escaping does not protect: in tag or attribute names, unquoted values,
// style, or at the start of a link unless the field is one of our links. This scanner names those
// precisely; the allow-list of allowed-markup.ts (sanitize-html) then refuses anything else that is
// not known to be safe, so an attack the scanner does not know is still refused.
import { findDisallowedMarkup } from './allowed-markup.ts';

/** Elements that run code, load other documents, or (mj-include) read files on the server. */
const CODE_ELEMENTS = new Set([
  'script',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'base',
  'meta',
  'link',
  'form',
  'portal',
  'mj-include',
]);

/** Fields whose values we build as http(s) or mailto: links (feedback_link goes through safeLink). */
const LINK_FIELDS = new Set([
  'feedback_link',
  'review_link',
  'portal_link',
  'survey_link',
  'unsubscribe_link',
  'tasks_link',
  'appointments_link',
  'url',
]);

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel', 'sms', 'cid']);
const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'background',
  'poster',
  'cite',
  'data',
  'codebase',
  'longdesc',
  'lowsrc',
  'dynsrc',
  'usemap',
  'manifest',
  'ping',
  'srcset',
  'xlink:href',
  'background-url',
]);
const isUrlAttribute = (name: string) => URL_ATTRIBUTES.has(name) || /(href|src|-url)$/.test(name);

const TAG_NAME = /(\/?)([A-Za-z][A-Za-z0-9:_-]*)/y;
const ATTR_NAME = /[^\s/>][^\s/>=]*/y;
const UNQUOTED = /[^\s>]*/y;
const SPACE = /[\s/]*/y;

/** What is unsafe in a template source, as a sentence for staff; null when nothing is. */
export function findUnsafeMarkup(source: string): string | null {
  // Comments are scanned as markup (Outlook reads conditional comments), and scanned again with
  // comments removed, since "<scr<!-- -->ipt>" becomes "<script>" once MJML drops comments.
  // Then the allow-list (sanitize-html) refuses whatever else is not known to be safe.
  return scan(source) ?? scan(source.replace(/<!--[\s\S]*?-->/g, '')) ?? findDisallowedMarkup(source);
}

function scan(s: string): string | null {
  let i = s.indexOf('<');
  while (i !== -1) {
    if (s.startsWith('{{', i + 1) || s.startsWith('/{{', i + 1))
      return 'a merge field cannot be used as a tag name';
    TAG_NAME.lastIndex = i + 1;
    const m = TAG_NAME.exec(s);
    if (!m) {
      i = s.indexOf('<', i + 1); // "<!--", "<!doctype", or a plain "<" in text
      continue;
    }
    const closing = m[1] === '/';
    const name = m[2]!.toLowerCase();
    let j = i + 1 + m[0].length;
    if (s.startsWith('{{', j)) return 'a merge field cannot be used as part of a tag name';
    if (CODE_ELEMENTS.has(name))
      return `<${name}> is not allowed: a template cannot run code or load other content`;
    if (!closing) {
      const attrs = readAttributes(s, j);
      if (typeof attrs === 'string') return attrs;
      j = attrs.end;
      for (const a of attrs.list) {
        const problem = checkAttribute(a.name, a.value, a.quoted);
        if (problem) return problem;
      }
      if (name === 'style' || name === 'mj-style') {
        const end = s.toLowerCase().indexOf(`</${name}`, j);
        const css = s.slice(j, end === -1 ? s.length : end);
        if (css.includes('{{')) return `a merge field cannot be used inside <${name}>`;
        const problem = checkCss(css, `<${name}>`);
        if (problem) return problem;
        j = end === -1 ? s.length : end;
      }
    }
    i = s.indexOf('<', j);
  }
  return null;
}

interface Attribute {
  name: string;
  value: string;
  quoted: boolean;
}

function readAttributes(s: string, from: number): { list: Attribute[]; end: number } | string {
  const list: Attribute[] = [];
  let j = from;
  for (;;) {
    SPACE.lastIndex = j;
    SPACE.exec(s);
    j = SPACE.lastIndex;
    if (j >= s.length) return { list, end: j };
    if (s[j] === '>') return { list, end: j + 1 };
    ATTR_NAME.lastIndex = j;
    const name = ATTR_NAME.exec(s)![0];
    j += name.length;
    if (name.includes('{{')) return 'a merge field cannot be used as an attribute name';
    let k = j;
    while (/\s/.test(s[k] ?? '')) k++;
    if (s[k] !== '=') {
      list.push({ name: name.toLowerCase(), value: '', quoted: false });
      continue;
    }
    k++;
    while (/\s/.test(s[k] ?? '')) k++;
    const quote = s[k];
    if (quote === '"' || quote === "'") {
      const close = s.indexOf(quote, k + 1);
      const end = close === -1 ? s.length : close;
      list.push({ name: name.toLowerCase(), value: s.slice(k + 1, end), quoted: true });
      j = end + 1;
    } else {
      UNQUOTED.lastIndex = k;
      const value = UNQUOTED.exec(s)![0];
      list.push({ name: name.toLowerCase(), value, quoted: false });
      j = k + value.length;
    }
  }
}

function checkAttribute(name: string, value: string, quoted: boolean): string | null {
  if (name.startsWith('on')) return `the ${name} attribute is not allowed: event handlers run code`;
  if (name === 'srcdoc') return 'the srcdoc attribute is not allowed';
  if (value.includes('{{') && !quoted)
    return `put the merge field of the ${name} attribute inside quotes (${name}="…")`;
  // Browsers decode entities in attribute values and ignore tabs and newlines inside URLs.
  const plain = asUrl(value);
  const script = /(java|vb|live)script:/.exec(plain);
  if (script)
    return `${script[0]} links are not allowed (in the ${name} attribute): a template cannot run code`;
  if (name === 'style') {
    if (value.includes('{{')) return 'a merge field cannot be used inside a style attribute';
    return checkCss(decodeEntities(value), 'the style attribute');
  }
  if (!isUrlAttribute(name)) return null;
  const tag = value.indexOf('{{');
  const before = tag === -1 ? plain : asUrl(value.slice(0, tag));
  if (tag !== -1 && before === '') {
    const field = /^\{\{\s*([\w.]+)\s*\}\}/.exec(value.trim())?.[1] ?? '';
    if (!LINK_FIELDS.has(field))
      return `the ${name} attribute may start with a link field ({{portal_link}}, {{feedback_link}}…) or an address such as https://, mailto: or tel:, not {{${field}}}`;
    return null;
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(before)?.[1];
  if (scheme === 'data' && name.endsWith('src') && /^data:image\/(png|gif|jpe?g|webp)[;,]/.test(before))
    return null;
  if (scheme !== undefined && !SAFE_SCHEMES.has(scheme))
    return `${scheme}: links are not allowed (in the ${name} attribute); use https://, mailto: or tel:`;
  // Text before a merge field that could still become a scheme once the value is merged.
  if (tag !== -1 && scheme === undefined && !/^[/#?.]/.test(before))
    return `a merge field in the ${name} attribute must follow https://, mailto: or tel: (or be a link field alone)`;
  return null;
}

/** An attribute value as a browser reads a URL: entities decoded, controls and spaces dropped. */
function asUrl(value: string): string {
  return (
    decodeEntities(value)
      // eslint-disable-next-line no-control-regex -- control characters are exactly what browsers drop
      .replace(/[\u0000-\u0020\u007f-\u009f]+/g, '')
      .toLowerCase()
  );
}

function checkCss(css: string, where: string): string | null {
  const plain = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\\/g, '')
    .replace(/\s+/g, '')
    .toLowerCase();
  for (const bad of ['expression(', 'javascript:', 'vbscript:', '-moz-binding', 'behavior:']) {
    if (plain.includes(bad)) return `"${bad}" is not allowed in ${where}: a template cannot run code`;
  }
  return null;
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  lpar: '(',
  rpar: ')',
  nbsp: ' ',
};

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) =>
      String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)),
    )
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
    .replace(/&([a-z]+);/gi, (all, n: string) => NAMED[n.toLowerCase()] ?? all);
}
