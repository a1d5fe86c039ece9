// fast-check arbitraries for the JSON Schemas of the OpenAPI document (what zod's toJSONSchema
// emits: objects, strings with length/pattern/format, numbers with bounds, enums, arrays, anyOf,
// null). Valid values follow the document; `invalidValue` breaks one rule of it at a time.
import fc from 'fast-check';

export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  default?: unknown;
}

const FORMATS: Record<string, fc.Arbitrary<string>> = {
  // Addresses as shops have them (the API's check is the practical one of zod, not all of RFC 5321).
  email: fc
    .tuple(
      fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/),
      fc.constantFrom('example.test', 'garage.ca', 'mail.example.com'),
    )
    .map(([local, domain]) => `${local}@${domain}`),
  'date-time': fc
    .date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  uri: fc.webUrl({ validSchemes: ['https'] }),
  date: fc
    .date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2030-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10)),
};

function stringArbitrary(s: Schema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, Math.max(min, 40));
  const fits = (v: string) => v.length >= min && v.length <= (s.maxLength ?? Infinity);
  if (s.format && FORMATS[s.format]) return FORMATS[s.format]!.filter(fits);
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  // Printable text, accents included, as a shop types it (no edge spaces: text fields are trimmed).
  return fc.string({
    unit: fc.constantFrom(...'abcdeéèçñABCZ-0129.,'.split('')),
    minLength: min,
    maxLength: max,
  });
}

function numberArbitrary(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min =
    s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 0.01) : -1000);
  const max =
    s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 0.01) : 100000);
  if (s.multipleOf) {
    const step = s.multipleOf;
    return fc
      .integer({ min: Math.ceil(min / step), max: Math.floor(max / step) })
      .map((k) => Number((k * step).toFixed(6)));
  }
  return integer
    ? fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, 2_000_000_000)) })
    : fc
        .double({ min, max, noNaN: true, noDefaultInfinity: true })
        .map((x) => Math.round(x * 100) / 100)
        .filter((x) => x >= min && x <= max);
}

/** Values valid by the schema. */
export function validValue(s: Schema): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const choices = s.anyOf ?? s.oneOf;
  if (choices) return fc.oneof(...choices.map(validValue));
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : ['string'];
  if (types.length > 1) return fc.oneof(...types.map((type) => validValue({ ...s, type })));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return numberArbitrary(s, true);
    case 'number':
      return numberArbitrary(s, false);
    case 'array':
      return fc.array(validValue(s.items ?? {}), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, Math.max(s.minItems ?? 0, 3)),
      });
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      return fc.record(
        // A cursor is opaque: only the next_cursor the API returned is valid (the document says so).
        Object.fromEntries(
          Object.entries(props)
            .filter(([k]) => k !== 'cursor')
            .map(([k, v]) => [k, validValue(v)]),
        ),
        { requiredKeys: Object.keys(props).filter((k) => required.has(k) && k !== 'cursor') },
      );
    }
    default:
      return stringArbitrary(s);
  }
}

/**
 * One rule of the schema broken: a wrong type, a bound crossed, an unknown property, a NUL byte…
 * `query`: the value travels as query-string text, where there is no null and a number is text.
 */
export function invalidValue(s: Schema, query = false): fc.Arbitrary<unknown> | null {
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const options: Array<fc.Arbitrary<unknown>> = [];
  if (types.includes('object') && s.properties) {
    const props = Object.keys(s.properties);
    const base = validValue(s) as fc.Arbitrary<Record<string, unknown>>;
    if (s.additionalProperties === false) options.push(base.map((v) => ({ ...v, zz_not_documented: 1 })));
    for (const name of s.required ?? [])
      options.push(base.map((v) => Object.fromEntries(Object.entries(v).filter(([k]) => k !== name))));
    for (const name of props) {
      const bad = invalidValue(s.properties[name]!, query);
      if (bad) options.push(fc.tuple(base, bad).map(([v, b]) => ({ ...v, [name]: b })));
    }
  } else if (!s.anyOf && !s.oneOf && s.const === undefined) {
    if (s.enum) options.push(fc.constant('zz-not-in-the-list'));
    else if (types.includes('string')) {
      if (!query) options.push(fc.constant(12345));
      if (!query && !types.includes('null')) options.push(fc.constant(null));
      if (s.pattern || s.format) options.push(fc.constant('~not the documented form~'));
      if (s.maxLength !== undefined && s.maxLength < 5000)
        options.push(fc.constant('x'.repeat(s.maxLength + 1)));
      if (s.minLength) options.push(fc.constant(''));
      // A NUL byte inside otherwise valid text: PostgreSQL refuses it, so must the API.
      options.push(stringArbitrary(s).map((v) => `${v.slice(0, 1)}\u0000${v.slice(1)}`));
    } else if (types.includes('integer') || types.includes('number')) {
      options.push(fc.constant('not a number'));
      if (s.maximum !== undefined) options.push(fc.constant(s.maximum + 1));
      if (s.minimum !== undefined) options.push(fc.constant(s.minimum - 1));
      if (types.includes('integer')) options.push(fc.constant(1.5));
    } else if (types.includes('boolean')) options.push(fc.constant(query ? 'maybe' : 'yes'));
    else if (types.includes('array')) {
      options.push(fc.constant('not a list'));
      if (s.maxItems !== undefined && s.maxItems < 200)
        options.push(
          fc.array(validValue(s.items ?? {}), { minLength: s.maxItems + 1, maxLength: s.maxItems + 1 }),
        );
    }
  }
  return options.length ? fc.oneof(...options) : null;
}
