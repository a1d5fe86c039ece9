// One API operation = one ApiRoute: method, path, who may call it, zod schemas for params,
// query, body and response, an example request, and the handler. mount.ts registers them,
// openapi.ts documents them, and the cross-tenant test calls every one of them.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { DB } from '../../db/schema.ts';
import type { Permission } from '../../accounts/permissions.ts';
import type { Scope } from '../../tenancy/scope.ts';
import type { Scoped } from '../../tenancy/scoped.ts';
import type { HttpState } from '../state.ts';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route: a permission (staff roles or API token scopes, tenant-scoped),
 * 'session' (any signed-in staff user, e.g. logout), 'operator' (platform admins) or 'public'.
 */
export type RouteAuth = Permission | 'session' | 'operator' | 'public';

/** Ids of one organization's records, to build example requests (docs and cross-tenant test). */
export interface ExampleIds {
  orgId: number;
  locationId: number;
  customerId: number;
  vehicleId: number;
  repairOrderId: number;
  appointmentId: number;
  mechanicId: number;
  courtesyVehicleId: number;
  userId: number;
  tokenId: number;
  taskId: number;
  messageId: number;
  /** A postcard sent to the customer. */
  postcardMessageId: number;
  /** A make/model maintenance schedule (not the location's default). */
  scheduleId: number;
  /** A running promotion (E07). */
  promotionId: number;
  /** A draft campaign. */
  campaignId: number;
  /** A number that texted the location and matches no customer's text conversation yet (the
   * customer's own mobile number, texted in before it was on file): the unknown-number routes. */
  unknownPhone: string;
}

/** A route whose body is a file sent as is (e.g. text/csv), read whole before the handler runs. */
export interface Upload {
  contentType: string;
  maxBytes: number;
}

export interface ExampleRequest {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
}

/** Per-app state shared by routes (built once per buildApp). */
export type ApiState = HttpState;

export interface Call<P, Q, B> {
  ctx: AppContext;
  db: Kysely<DB>;
  /** Null only on 'public' and 'operator' routes. */
  scope: Scope;
  /** Tenant-scoped query helpers for this request. */
  s: Scoped;
  params: P;
  query: Q;
  body: B;
  now: Date;
  request: FastifyRequest;
  reply: FastifyReply;
  state: ApiState;
}

type In<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteSpec<P, Q, B, R extends z.ZodType> {
  method: Method;
  /** Fastify path under /api/v1, e.g. '/customers/:customerId'. */
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Success status; 200 unless given (201 on create, 204 with z.undefined() response). */
  status?: number;
  /**
   * How the cross-tenant suite treats the route: 'tenant' (called with another organization's
   * ids, must 404 and change nothing), or why it is exempt.
   */
  isolation: 'tenant' | { exempt: string };
  /** A file upload: the body is the raw file (a Buffer), not JSON, up to maxBytes. */
  upload?: Upload;
  /** The success answer is a file of this type (e.g. application/pdf), not JSON: a Buffer. */
  produces?: string;
  example?: (ids: ExampleIds) => ExampleRequest;
  handler: (call: Call<In<P>, In<Q>, In<B>>) => Promise<z.input<R> | void>;
}

export interface ApiRoute {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  auth: RouteAuth;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status?: number;
  isolation: 'tenant' | { exempt: string };
  upload?: Upload;
  produces?: string;
  example?: (ids: ExampleIds) => ExampleRequest;
  handler: (call: Call<unknown, unknown, unknown>) => Promise<unknown>;
}

export function defineRoute<
  R extends z.ZodType,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<P, Q, B, R>): ApiRoute {
  return spec as unknown as ApiRoute;
}
