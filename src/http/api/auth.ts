// The one auth hook: from the request's credentials (Bearer API token, or session cookie with
// its CSRF header on unsafe methods) to a Scope for the route's permission. A handler never
// sees a request without a scope, and the scope's locations are those where the permission holds.
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import type { Role } from '../../domain/role.ts';
import { locationsGranting, tokenGrants } from '../../accounts/permissions.ts';
import { SESSION_COOKIE } from '../../accounts/sessions.ts';
import { hashSecret, sameSecret } from '../../accounts/tokens.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { HttpError, type ErrorParams } from '../errors.ts';
import { setUserLanguage } from '../request-language.ts';
import type { RouteAuth } from './define.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const unauthenticated = (
  message = 'Sign in first (session cookie) or send an API token (Authorization: Bearer …)',
  reason?: string,
) => new HttpError(401, 'unauthenticated', message, undefined, reason ? { reason } : undefined);
const forbidden = (message: string, params?: ErrorParams) =>
  new HttpError(403, 'forbidden', message, undefined, params);

export interface Authenticated {
  scope: Scope;
  /** The signed-in user's language (sessions only). */
  language?: string;
  /** The session's cookie token, for logout. */
  sessionToken?: string;
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) throw unauthenticated('Authorization header must be "Bearer <token>"', 'header');
  return m[1]!;
}

export async function authenticate(
  ctx: AppContext,
  request: FastifyRequest,
  auth: RouteAuth,
  now: Date,
): Promise<Authenticated | null> {
  if (auth === 'public') return null;
  const token = bearer(request);
  if (token) return authenticateToken(ctx, token, auth, now);
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie) throw unauthenticated();
  return authenticateSession(ctx, request, cookie, auth, now);
}

async function authenticateToken(
  ctx: AppContext,
  token: string,
  auth: Exclude<RouteAuth, 'public'>,
  now: Date,
): Promise<Authenticated> {
  // One round trip: the token, whether the user who created it is disabled (a disabled user's
  // tokens stop working with them), and for an all-locations token the organization's locations.
  const row = await ctx.db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.created_by')
    .select([
      'api_tokens.id',
      'api_tokens.org_id',
      'api_tokens.scopes',
      'api_tokens.location_id',
      'api_tokens.created_by',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.disabled_at as creator_disabled_at',
    ])
    .select((eb) =>
      eb.fn
        .coalesce(
          sql<
            number[]
          >`array(SELECT l.id FROM locations l WHERE l.org_id = api_tokens.org_id AND api_tokens.location_id IS NULL ORDER BY l.id)`,
          sql<number[]>`'{}'::bigint[]`,
        )
        .as('org_location_ids'),
    )
    .where('api_tokens.token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!row || row.revoked_at)
    throw unauthenticated('This API token is not valid or has been revoked', 'token');
  if (row.creator_disabled_at)
    throw unauthenticated(
      'This API token was created by a user who is now disabled; it no longer works',
      'token',
    );
  if (auth === 'operator' || auth === 'session')
    throw forbidden('API tokens cannot use this operation; sign in as a user', { reason: 'token' });
  if (!tokenGrants(row.scopes, auth))
    throw forbidden(`This API token's scopes (${row.scopes.join(', ') || 'none'}) do not allow ${auth}`, {
      permission: auth,
    });
  // Touch last_used_at at most once a minute: a write per request would cost more than the read.
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
    await ctx.db
      .updateTable('api_tokens')
      .set({ last_used_at: now })
      .where('org_id', '=', row.org_id)
      .where('id', '=', row.id)
      .execute();
  }
  const locationIds = row.location_id !== null ? [row.location_id] : row.org_location_ids.map(Number);
  return {
    scope: {
      orgId: row.org_id,
      actor: { type: 'api_token', id: row.id },
      userId: row.created_by,
      locationIds,
    },
  };
}

async function authenticateSession(
  ctx: AppContext,
  request: FastifyRequest,
  cookie: string,
  auth: Exclude<RouteAuth, 'public'>,
  now: Date,
): Promise<Authenticated> {
  const session = await ctx.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.csrf_token',
      'sessions.expires_at',
      'users.id as user_id',
      'users.org_id',
      'users.is_platform_admin',
      'users.disabled_at',
      'users.language',
    ])
    .where('sessions.token_hash', '=', hashSecret(cookie))
    .executeTakeFirst();
  if (!session || session.expires_at.getTime() <= now.getTime() || session.disabled_at)
    throw unauthenticated('Your session has expired; sign in again', 'expired');
  setUserLanguage(request, session.language);
  if (!SAFE.has(request.method)) {
    const header = request.headers['x-csrf-token'];
    if (typeof header !== 'string' || !sameSecret(header, session.csrf_token)) {
      throw new HttpError(
        403,
        'csrf_failed',
        'Missing or wrong X-CSRF-Token header (the csrf_token returned at sign-in)',
        'X-CSRF-Token',
      );
    }
  }
  const actor = {
    type: session.is_platform_admin ? ('operator' as const) : ('user' as const),
    id: session.user_id,
  };
  const base = { orgId: session.org_id ?? 0, actor, userId: session.user_id };
  if (auth === 'operator') {
    if (!session.is_platform_admin)
      throw forbidden('Only the operator of this installation may do this', { reason: 'operator' });
    return { scope: { ...base, locationIds: [] }, sessionToken: cookie, language: session.language };
  }
  if (session.org_id === null) {
    if (auth === 'session')
      return { scope: { ...base, locationIds: [] }, sessionToken: cookie, language: session.language };
    throw forbidden('Operator accounts do not see shop data; use the operator API', {
      reason: 'operator_data',
    });
  }
  const roles = await ctx.db
    .selectFrom('user_roles')
    .select(['location_id', 'role'])
    .where('org_id', '=', session.org_id)
    .where('user_id', '=', session.user_id)
    .execute();
  const granted =
    auth === 'session'
      ? [...new Set(roles.map((r) => r.location_id))]
      : locationsGranting(roles as Array<{ location_id: number; role: Role }>, auth);
  if (auth !== 'session' && granted.length === 0)
    throw forbidden(`Your role does not allow ${auth}`, { permission: auth });
  return { scope: { ...base, locationIds: granted }, sessionToken: cookie, language: session.language };
}
