// The allow-list for staff template overrides, enforced with sanitize-html: only the HTML that mail
// clients render, the MJML components (with the attributes each declares), and links to http(s),
// mailto:, tel:, sms: and cid: (images may also be inline data: pictures). A template is accepted
// only if the allow-list would remove nothing from it, so what is saved is exactly what is sent.
// unsafe-markup.ts runs first and names the common attacks (and merge fields where escaping does
// not protect) precisely; this check is the rule for everything else.
import presetCore from 'mjml-preset-core';
import sanitizeHtml from 'sanitize-html';

interface MjmlComponent {
  componentName: string;
  allowedAttributes?: Record<string, string>;
}

/** MJML components that load or inject what the allow-list cannot see (remote CSS, raw attributes). */
const MJML_REFUSED = new Set(['mj-font', 'mj-html-attributes', 'mj-selector', 'mj-html-attribute']);

// A CommonJS module: its export is on .default when Node loads it through ESM interop.
const preset = ((presetCore as unknown as { default?: typeof presetCore }).default ?? presetCore) as {
  components: MjmlComponent[];
};
const MJML = preset.components.filter((c) => !MJML_REFUSED.has(c.componentName));
const MJML_ATTRIBUTES = (c: MjmlComponent) => [
  ...Object.keys(c.allowedAttributes ?? {}),
  'css-class',
  'mj-class',
];
const ALL_MJML_ATTRIBUTES = [...new Set(MJML.flatMap(MJML_ATTRIBUTES))];

const HTML_TAGS = [
  'a', 'abbr', 'address', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite',
  'code', 'col', 'colgroup', 'dd', 'del', 'dfn', 'div', 'dl', 'dt', 'em', 'font', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp',
  'small', 'span', 'strike', 'strong', 'style', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'tt', 'u', 'ul', 'wbr',
]; // prettier-ignore

const GLOBAL_ATTRIBUTES = [
  'style', 'class', 'id', 'dir', 'lang', 'title', 'align', 'valign', 'width', 'height', 'bgcolor',
  'color', 'border', 'role', 'aria-*',
]; // prettier-ignore

/** Attributes holding an address, whose scheme the allow-list checks. */
const URL_ATTRIBUTES = [
  'href', 'src', 'srcset', 'background', 'background-url', 'base-url', 'cite', 'icon-wrapped-url',
  'icon-unwrapped-url', 'thumbnails-src',
]; // prettier-ignore
const SCHEMES = ['http', 'https', 'mailto', 'tel', 'sms', 'cid'];

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [...HTML_TAGS, ...MJML.map((c) => c.componentName), 'mj-all', 'mj-class'],
  allowedAttributes: {
    '*': GLOBAL_ATTRIBUTES,
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'border'],
    table: ['cellpadding', 'cellspacing', 'background', 'summary'],
    td: ['colspan', 'rowspan', 'background', 'nowrap'],
    th: ['colspan', 'rowspan', 'background', 'nowrap', 'scope'],
    font: ['face', 'size'],
    col: ['span'],
    colgroup: ['span'],
    ol: ['start', 'type'],
    ul: ['type'],
    blockquote: ['cite'],
    q: ['cite'],
    ...Object.fromEntries(MJML.map((c) => [c.componentName, MJML_ATTRIBUTES(c)])),
    'mj-all': ALL_MJML_ATTRIBUTES,
    'mj-class': ['name', ...ALL_MJML_ATTRIBUTES],
  },
  allowedSchemes: SCHEMES,
  allowedSchemesByTag: { img: [...SCHEMES, 'data'] },
  allowedSchemesAppliedToAttributes: URL_ATTRIBUTES,
  allowProtocolRelative: false,
  // Staff CSS in <style> and <mj-style> is allowed; unsafe-markup.ts checks it for code.
  allowVulnerableTags: true,
  disallowedTagsMode: 'discard',
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
};

/** The same parse and output with nothing removed, to compare against. */
const EVERYTHING: sanitizeHtml.IOptions = {
  ...ALLOWED,
  allowedTags: false,
  allowedAttributes: false,
  allowedSchemesAppliedToAttributes: [],
};

const MERGE_FIELD = /\{\{[^}]*\}\}/g;

/** What the allow-list would remove from a template source, as a sentence for staff; null if nothing. */
export function findDisallowedMarkup(source: string): string | null {
  // Merge fields are text to the HTML parser: a field alone in a link is a link field (checked
  // by unsafe-markup.ts), so it reads as a relative address here.
  const html = source.replace(MERGE_FIELD, 'mergefield');
  const seen: Array<{ tag: string; attributes: string[] }> = [];
  const strict = sanitizeHtml(html, {
    ...ALLOWED,
    onOpenTag: (tag, attributes) => seen.push({ tag, attributes: Object.keys(attributes) }),
  });
  if (strict === sanitizeHtml(html, EVERYTHING)) return null;
  const tags = ALLOWED.allowedTags as string[];
  const refusedTag = seen.find((s) => !tags.includes(s.tag));
  if (refusedTag) return `<${refusedTag.tag}> is not allowed in a template`;
  const byTag = ALLOWED.allowedAttributes as Record<string, string[]>;
  for (const { tag, attributes } of seen) {
    const allowed = [...(byTag['*'] ?? []), ...(byTag[tag] ?? [])];
    const refused = attributes.find(
      (a) => !allowed.includes(a) && !(a.startsWith('aria-') && allowed.includes('aria-*')),
    );
    if (refused) return `the ${refused} attribute is not allowed on <${tag}>`;
  }
  return 'a link or image address may only be https://, http://, mailto:, tel: or a merge field link';
}
