// Every API response is copied through its documented schema before it is sent: only the fields
// the schema names reach the client, so a column added to a table (or a selectAll() that grows)
// can never leak. A projector is compiled once per schema from zod's definition; it copies known
// keys and does no validation, so it costs about a microsecond for a customer card (validation
// runs in the tests, see mount.ts).
import type { z } from 'zod';

type Project = (value: unknown) => unknown;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  valueType?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  getter?: () => z.ZodType;
}

const cache = new WeakMap<z.ZodType, Project>();
const identity: Project = (v) => v;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

export function projector(schema: z.ZodType): Project {
  let p = cache.get(schema);
  if (!p) {
    // Placeholder first, so a recursive (lazy) schema finds itself instead of looping.
    let compiled: Project = identity;
    cache.set(schema, (v) => compiled(v));
    compiled = compile(schema);
    cache.set(schema, compiled);
    p = compiled;
  }
  return p;
}

function compile(schema: z.ZodType): Project {
  const def = (schema as unknown as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case 'object': {
      const entries = Object.entries(def.shape ?? {}).map(([key, s]) => [key, projector(s)] as const);
      const extra =
        def.catchall && (def.catchall as unknown as { _zod: { def: Def } })._zod.def.type !== 'never'
          ? projector(def.catchall)
          : null;
      const known = new Set(entries.map(([k]) => k));
      return (v) => {
        if (!isPlainObject(v)) return v;
        const out: Record<string, unknown> = {};
        for (const [key, p] of entries) {
          const x = v[key];
          if (x !== undefined) out[key] = p(x);
        }
        if (extra)
          for (const key of Object.keys(v))
            if (!known.has(key) && v[key] !== undefined) out[key] = extra(v[key]);
        return out;
      };
    }
    case 'array': {
      const item = projector(def.element!);
      return (v) => (Array.isArray(v) ? v.map(item) : v);
    }
    case 'record': {
      const value = projector(def.valueType!);
      return (v) =>
        isPlainObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x)])) : v;
    }
    case 'nullable':
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch': {
      const inner = projector(def.innerType!);
      return (v) => (v === null || v === undefined ? v : inner(v));
    }
    case 'intersection': {
      const left = projector(def.left!);
      const right = projector(def.right!);
      return (v) => (isPlainObject(v) ? { ...(left(v) as object), ...(right(v) as object) } : v);
    }
    case 'union': {
      // The first option the value matches decides the shape (as zod's own parse would).
      const options = def.options!.map((o) => [o, projector(o)] as const);
      return (v) => {
        for (const [o, p] of options) if (o.safeParse(v).success) return p(v);
        return options.length ? options[0]![1](v) : v;
      };
    }
    case 'pipe':
      // Handlers return the schema's input side (z.input), so project with it.
      return projector(def.in!);
    case 'lazy':
      return (v) => projector(def.getter!())(v);
    default:
      // string, number, boolean, literal, enum, date, null, unknown, any…: a value, not a shape.
      return identity;
  }
}
