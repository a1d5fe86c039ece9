// Our tiny template language: {{field}}, {{#each list}}…{{/each}} (inside: {{this}} or an item's
// field), {{#if field}}…{{else}}…{{/if}}. No expressions, no helpers, no code: a template can only
// read the merge fields it is given. Output is HTML-escaped in 'html' mode, plain in 'text' mode.

export type Node =
  | { type: 'text'; value: string }
  | { type: 'field'; name: string; offset: number }
  | { type: 'each'; name: string; offset: number; body: Node[] }
  | { type: 'if'; name: string; offset: number; then: Node[]; else: Node[] };

export class TemplateSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

const TAG = /\{\{\s*([#/]?)\s*([A-Za-z_][\w.]*)?\s*([A-Za-z_][\w.]*)?\s*\}\}/g;
const NAME = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)?$/;

/** Parses a template into a tree; throws TemplateSyntaxError naming what is wrong and where. */
export function parseTemplate(source: string): Node[] {
  const root: Node[] = [];
  const stack: Array<{ node: Extract<Node, { type: 'each' | 'if' }>; inElse: boolean }> = [];
  const out = () => {
    const top = stack[stack.length - 1];
    if (!top) return root;
    if (top.node.type === 'each') return top.node.body;
    return top.inElse ? top.node.else : top.node.then;
  };
  let last = 0;
  for (const m of source.matchAll(TAG)) {
    const at = m.index;
    if (source[at - 1] === '{' || source[at + m[0].length] === '}')
      throw new TemplateSyntaxError(`Triple braces are not allowed near "${m[0]}"`, at);
    if (at > last) out().push({ type: 'text', value: source.slice(last, at) });
    last = at + m[0].length;
    const [, sigil, word, arg] = m;
    if (sigil === '#') {
      if ((word !== 'each' && word !== 'if') || !arg || !NAME.test(arg)) {
        throw new TemplateSyntaxError(
          `"${m[0]}" is not a block we know; use {{#each list}} or {{#if field}}`,
          at,
        );
      }
      const node: Extract<Node, { type: 'each' | 'if' }> =
        word === 'each'
          ? { type: 'each', name: arg, offset: at, body: [] }
          : { type: 'if', name: arg, offset: at, then: [], else: [] };
      out().push(node);
      stack.push({ node, inElse: false });
    } else if (sigil === '/') {
      const top = stack.pop();
      if (!top || top.node.type !== word || arg)
        throw new TemplateSyntaxError(`"${m[0]}" closes nothing open`, at);
    } else if (word === 'else' && !arg) {
      const top = stack[stack.length - 1];
      if (!top || top.node.type !== 'if' || top.inElse)
        throw new TemplateSyntaxError('{{else}} outside an {{#if}}', at);
      top.inElse = true;
    } else {
      if (!word || arg || !NAME.test(word))
        throw new TemplateSyntaxError(`"${m[0]}" is not a merge field`, at);
      out().push({ type: 'field', name: word, offset: at });
    }
  }
  const open = stack.pop();
  if (open)
    throw new TemplateSyntaxError(
      `{{#${open.node.type} ${open.node.name}}} is never closed`,
      open.node.offset,
    );
  if (last < source.length) out().push({ type: 'text', value: source.slice(last) });
  // Any "{{" left in text is a malformed tag: refuse it rather than send it.
  const leftover = findLeftover(root);
  if (leftover) throw new TemplateSyntaxError(`Malformed merge tag near "${leftover.slice(0, 30)}"`, 0);
  return root;
}

function findLeftover(nodes: Node[]): string | null {
  for (const n of nodes) {
    if (n.type === 'text') {
      const i = n.value.indexOf('{{');
      if (i >= 0) return n.value.slice(i);
    } else if (n.type === 'each') {
      const l = findLeftover(n.body);
      if (l) return l;
    } else if (n.type === 'if') {
      const l = findLeftover(n.then) ?? findLeftover(n.else);
      if (l) return l;
    }
  }
  return null;
}

export type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };
export type Scope = Record<string, Value>;

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

function lookup(scopes: Scope[], name: string): Value {
  if (name === 'this') return scopes[0]?.this;
  const [head, tail] = name.split('.') as [string, string | undefined];
  for (const s of scopes) {
    if (head in s) {
      const v = s[head];
      if (tail === undefined) return v;
      return v && typeof v === 'object' && !Array.isArray(v) ? v[tail] : undefined;
    }
  }
  return undefined;
}

function truthy(v: Value): boolean {
  return Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined && v !== false && v !== '';
}

/** Renders a parsed template. Scopes are searched innermost first ({{#each}} pushes the item). */
export function renderNodes(nodes: Node[], scopes: Scope[], mode: 'html' | 'text'): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'text') out += n.value;
    else if (n.type === 'field') {
      const v = lookup(scopes, n.name);
      const s = v === null || v === undefined || typeof v === 'object' ? '' : String(v);
      out += mode === 'html' ? escapeHtml(s) : s;
    } else if (n.type === 'if') {
      out += renderNodes(truthy(lookup(scopes, n.name)) ? n.then : n.else, scopes, mode);
    } else {
      const list = lookup(scopes, n.name);
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        const scope: Scope =
          item && typeof item === 'object' && !Array.isArray(item) ? { ...item, this: '' } : { this: item };
        out += renderNodes(n.body, [scope, ...scopes], mode);
      }
    }
  }
  return out;
}

/** Every field a template reads, with the list it is read inside (for validation). */
export function fieldsUsed(
  nodes: Node[],
  inList: string | null = null,
): Array<{ name: string; inList: string | null; block: 'field' | 'each' | 'if' }> {
  const found: Array<{ name: string; inList: string | null; block: 'field' | 'each' | 'if' }> = [];
  for (const n of nodes) {
    if (n.type === 'field') found.push({ name: n.name, inList, block: 'field' });
    else if (n.type === 'if')
      found.push(
        { name: n.name, inList, block: 'if' },
        ...fieldsUsed(n.then, inList),
        ...fieldsUsed(n.else, inList),
      );
    else if (n.type === 'each')
      found.push({ name: n.name, inList, block: 'each' }, ...fieldsUsed(n.body, n.name));
  }
  return found;
}
