// A property-based fuzz of the whole API, driven by its own OpenAPI document: for every operation,
// requests valid by the document and requests that break one of its rules (fast-check, from the
// document's JSON Schemas), sent by a signed-in owner (the operator for operator routes) with real
// ids of the owner's shop. Every answer: no 500 (responses are also checked against their schema
// in tests, see mount.ts), errors in the documented shape with no stack trace; a request the
// document forbids is refused with a 4xx; a request it allows is never refused as invalid input.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendName } from '../../../test/helpers/db.ts';
import { makeShop } from '../../../test/helpers/factories.ts';
import {
  createApiTest,
  makeOperator,
  makeStaff,
  makeTenantRecords,
  signIn,
  type ApiTest,
  type Client,
} from '../../../test/helpers/api.ts';
import { invalidValue, validValue, type Schema } from '../../../test/helpers/schema-arbitrary.ts';
import { buildOpenApi } from './openapi.ts';
import { API_ROUTES } from './routes.ts';
import type { ApiRoute, ExampleIds } from './define.ts';

/** Operations not fuzzed, each with its reason. */
const SKIPPED: Record<string, string> = {
  'POST /session':
    'sign-in: generated failures would lock the test accounts out (limits tested in security.test.ts)',
  'DELETE /session': 'signs the fuzzing session out',
  'POST /password-reset': 'rate-limited and mails a link (tested in session tests)',
  'POST /password-reset/confirm': 'needs a mailed token (tested in session tests)',
};

const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

/**
 * Rules between fields, or on a value's meaning, that JSON Schema cannot state: a request valid by
 * the document may be refused for these (400 invalid_input naming the field), and for nothing else.
 */
const CROSS_FIELD_RULES: Array<[field: RegExp, message: RegExp]> = [
  [/ends_at$/, /after starts_at|après starts_at|despu|both starts_at and ends_at/], // an interval
  [/^to$/, /from|36|2001-01/], // a period: from ≤ to, at most 36 months, reports start 2001
  [/^from$/, /2001-01/],
  [/^vin$/, /check digit|chiffre de contrôle|dígito de control/], // the VIN's check digit
  [/every_(km|mi|hours|months)$/, /every_/], // a maintenance item: one interval, km or mi
  [/^customer_id$/, /visitor_name/], // a customer, or a visitor's name
  [/^$/, /email_enabled, postcards_enabled and\/or sms_enabled/], // a PATCH that changes something
  [/closed_on$/, /opened_on/], // a repair order closes on or after it opened
  [/^send_until_hour$/, /./], // quiet hours: the end after the start
  [/^(interval_days|dead_days)$/, /./], // only INACTIVE repeats (the kind is in the path)
  [/^model$/, /./], // a model needs its make, and a make/model has one schedule
  [/^valid_until$/, /valid_from/], // a promotion ends after it starts
  [/^(from_number|auth_token)$/, /./], // texts: a number or a messaging service, and the token
  [/^content$/, /promotion/], // a campaign: its own message, or a promotion
  [/_id$/, /^[a-z_]+ : no |^[a-z_]+: no /], // a referenced record must exist at the location
  [/^id$/, /can no longer/], // a campaign already sent cannot be cancelled
  [/^(on|send_on)$/, /today/], // a campaign is sent today or later (the clock decides)
];

interface Operation {
  route: ApiRoute;
  query: Schema | null;
  body: Schema | null;
}

let api: ApiTest;
let owner: Client;
let operator: Client;
let ids: ExampleIds;
const operations: Operation[] = [];

beforeAll(async () => {
  api = await createApiTest();
  const shop = await makeShop(api.t.db);
  const user = await makeStaff(api.t.db, shop, [{ locationId: shop.locationId, role: 'owner' }]);
  owner = await signIn(api.app, user.email);
  operator = await signIn(api.app, (await makeOperator(api.t.db)).email);
  ids = await makeTenantRecords(api.t.db, shop);
  const doc = buildOpenApi(API_ROUTES) as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters: Array<{ name: string; in: string; required: boolean; schema: Schema }>;
          requestBody?: { content: Record<string, { schema: Schema }> };
        }
      >
    >;
  };
  for (const route of API_ROUTES) {
    if (route.upload || SKIPPED[`${route.method} ${route.path}`]) continue;
    const op = doc.paths[`/api/v1${route.path.replace(/:(\w+)/g, '{$1}')}`]![route.method.toLowerCase()]!;
    const queryParams = op.parameters.filter((p) => p.in === 'query');
    const query: Schema | null = queryParams.length
      ? {
          type: 'object',
          properties: Object.fromEntries(queryParams.map((p) => [p.name, p.schema])),
          required: queryParams.filter((p) => p.required).map((p) => p.name),
          additionalProperties: false,
        }
      : null;
    operations.push({ route, query, body: op.requestBody?.content['application/json']?.schema ?? null });
  }
}, 120_000);
afterAll(async () => api?.close());

function url(route: ApiRoute, query: Record<string, unknown> | undefined): string {
  let path = `/api/v1${route.path}`;
  for (const [k, v] of Object.entries(route.example?.(ids).params ?? {}))
    path = path.replace(`:${k}`, encodeURIComponent(String(v)));
  const pairs = Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== null);
  const qs = new URLSearchParams(pairs.map(([k, v]): [string, string] => [k, String(v)])).toString();
  return qs ? `${path}?${qs}` : path;
}

async function send(op: Operation, query: Record<string, unknown> | undefined, body: unknown) {
  const client = op.route.auth === 'operator' ? operator : owner;
  const res = await client.request({
    method: op.route.method,
    url: url(op.route, query),
    ...(op.body ? { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  return res;
}

/** A 400 invalid_input that is not one of the rules JSON Schema cannot state. */
function refusedAsInvalid(res: { statusCode: number; body: string }): boolean {
  if (res.statusCode !== 400) return false;
  const e = (JSON.parse(res.body) as { error: { code: string; message: string; field?: string } }).error;
  if (e.code !== 'invalid_input') return false;
  return !CROSS_FIELD_RULES.some(([field, message]) => field.test(e.field ?? '') && message.test(e.message));
}

function errorShapeProblem(res: { statusCode: number; body: string }): string | null {
  if (res.statusCode < 400) return null;
  if (/\n\s+at /.test(res.body)) return 'a stack trace in the answer';
  try {
    const e = (JSON.parse(res.body) as { error?: { code?: unknown; message?: unknown } }).error;
    if (typeof e?.code !== 'string' || typeof e.message !== 'string')
      return 'an error off the documented shape';
  } catch {
    return 'an error that is not JSON';
  }
  return null;
}

describe(`the API fuzzed from its OpenAPI document on ${backendName}`, () => {
  it('fuzzes every operation but the few skipped for a stated reason', () => {
    expect(operations.length + Object.keys(SKIPPED).length + API_ROUTES.filter((r) => r.upload).length).toBe(
      API_ROUTES.length,
    );
    expect(operations.length).toBeGreaterThan(60);
  });

  it('answers every generated request without a 500, and refuses exactly what the document forbids', async () => {
    const problems: string[] = [];
    let requests = 0;
    for (const op of operations) {
      const name = `${op.route.method} ${op.route.path}`;
      const validQuery = op.query ? validValue(op.query) : fc.constant(undefined);
      const validBody = op.body ? validValue(op.body) : fc.constant(undefined);
      // Requests the document allows.
      await fc.assert(
        fc.asyncProperty(validQuery, validBody, async (query, body) => {
          requests++;
          const res = await send(op, query as Record<string, unknown> | undefined, body);
          const shape = errorShapeProblem(res);
          if (res.statusCode >= 500 || shape || refusedAsInvalid(res))
            problems.push(
              `${name} valid ${JSON.stringify({ query, body })} → ${res.statusCode} ${res.body.slice(0, 300)}`,
            );
        }),
        { numRuns: RUNS, seed: 42 },
      );
      // Requests that break one rule of the document.
      const broken: Array<fc.Arbitrary<[unknown, unknown]>> = [];
      const badQuery = op.query ? invalidValue(op.query, true) : null;
      const badBody = op.body ? invalidValue(op.body) : null;
      if (badQuery) broken.push(fc.tuple(badQuery, validBody));
      if (badBody) broken.push(fc.tuple(validQuery, badBody));
      if (!broken.length) continue;
      await fc.assert(
        fc.asyncProperty(fc.oneof(...broken), async ([query, body]) => {
          requests++;
          const res = await send(op, query as Record<string, unknown> | undefined, body);
          const shape = errorShapeProblem(res);
          if (res.statusCode < 400 || res.statusCode >= 500 || shape)
            problems.push(
              `${name} invalid ${JSON.stringify({ query, body })} → ${res.statusCode} ${res.body.slice(0, 300)}`,
            );
        }),
        { numRuns: RUNS, seed: 42 },
      );
    }
    console.log(
      `API fuzz: ${operations.length} operations, ${requests} requests, ${problems.length} problems`,
    );
    expect(problems).toEqual([]);
  }, 600_000);
});
