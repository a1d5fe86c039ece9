// One portal page or action: its method and path, whether the customer must be signed in, and
// (for the cross-customer test) which path parameters name the customer's own records. mount.ts
// turns each into a Fastify route with the session, the CSRF check and the headers in one place.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Customer, Language, Location } from '../../db/schema.ts';
import type { CustomerScope } from '../../portal/customer-scope.ts';

export interface PortalCall {
  req: FastifyRequest;
  reply: FastifyReply;
  ctx: AppContext;
  now: Date;
  language: Language;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  body: Record<string, unknown>;
  /** The hidden CSRF input for a form on the page being rendered. */
  csrf: () => string;
}

export interface SignedInCall extends PortalCall {
  cs: CustomerScope;
  customer: Customer;
  location: Location;
  /** The session cookie's value (sign-out ends it). */
  sessionToken: string;
}

export type PortalAnswer =
  | { view: string; title: string; data?: Record<string, unknown>; status?: number }
  | { redirect: string }
  | { download: { filename: string; type: string; body: string } }
  | { sent: true };

interface Common {
  method: 'GET' | 'POST';
  path: string;
  /** Path parameters that are ids of the signed-in customer's records. */
  ownIds?: Record<string, 'vehicle' | 'appointment'>;
  /** Example form values a POST needs (the cross-customer test sends them). */
  exampleBody?: Record<string, string>;
}

export type PortalRoute =
  | (Common & { signedIn: true; handle(call: SignedInCall): Promise<PortalAnswer> })
  | (Common & { signedIn: false; embeddable?: boolean; handle(call: PortalCall): Promise<PortalAnswer> });

export function portalRoute(route: PortalRoute): PortalRoute {
  return route;
}

/** A positive integer id from a path or form, else null (the caller answers 404). */
export function idOf(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : null;
}
