// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests.
import { z } from 'zod';
import type { ApiRoute, ExampleIds } from './define.ts';

export const SAMPLE_IDS: ExampleIds = {
  orgId: 1,
  locationId: 1,
  customerId: 42,
  vehicleId: 7,
  repairOrderId: 300,
  appointmentId: 55,
  mechanicId: 3,
  courtesyVehicleId: 2,
  userId: 5,
  tokenId: 9,
  taskId: 11,
  messageId: 1001,
  postcardMessageId: 1002,
  unknownPhone: '+15145550199',
  scheduleId: 4,
  promotionId: 1,
  campaignId: 1,
};

const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;

const openApiPath = (path: string) => `/api/v1${path.replace(/:(\w+)/g, '{$1}')}`;

function parameters(route: ApiRoute): unknown[] {
  const out: unknown[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, s] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema: s,
      });
    }
  }
  return out;
}

const security = (route: ApiRoute) =>
  route.auth === 'public'
    ? []
    : route.auth === 'operator' || route.auth === 'session'
      ? [{ session: [] }]
      : [{ session: [] }, { bearer: [] }];

export function buildOpenApi(routes: readonly ApiRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const example = route.example?.(SAMPLE_IDS);
    const status = String(route.status ?? 200);
    const op: Record<string, unknown> = {
      operationId: `${route.method.toLowerCase()}${route.path.replace(/[/:](\w)/g, (_, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}`,
      summary: route.summary,
      tags: [route.tag],
      'x-permission': route.auth,
      security: security(route),
      parameters: parameters(route),
      responses: {
        [status]:
          status === '204'
            ? { description: 'Done' }
            : {
                description: 'OK',
                content: route.produces
                  ? { [route.produces]: { schema: { type: 'string', format: 'binary' } } }
                  : { 'application/json': { schema: toSchema(route.response, 'output') } },
              },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
    if (route.upload) {
      op.requestBody = {
        required: true,
        description: `The file itself, at most ${route.upload.maxBytes} bytes (413 beyond)`,
        content: {
          [route.upload.contentType]: {
            schema: { type: 'string', format: 'binary' },
            ...(typeof example?.body === 'string' ? { example: example.body } : {}),
          },
        },
      };
    } else if (route.body) {
      op.requestBody = {
        required: true,
        content: {
          'application/json': {
            schema: toSchema(route.body, 'input'),
            ...(example?.body !== undefined ? { example: example.body } : {}),
          },
        },
      };
    }
    (paths[openApiPath(route.path)] ??= {})[route.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Relance staff API',
      version: '1',
      description:
        'Staff API of Relance. Authenticate with a session (POST /api/v1/session sets a cookie and returns a csrf_token to send as X-CSRF-Token on unsafe methods) or an API token (Authorization: Bearer). Every error is { error: { code, message, field? } }.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'relance_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                field: { type: 'string' },
              },
            },
          },
        },
      },
    },
    paths,
  };
}
