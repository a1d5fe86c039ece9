// Which API tokens a caller may see and revoke, and the columns the API shows of one.
import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';

export const API_TOKEN_COLUMNS = [
  'id',
  'name',
  'scopes',
  'location_id',
  'created_by',
  'created_at',
  'last_used_at',
  'revoked_at',
] as const;

/**
 * The tokens a caller may see and revoke: those of the locations where the route's permission
 * holds; a token for every location (location_id null) only when it holds at every location,
 * as for creating one.
 */
export const tokenInScope =
  (scope: Scope, coversOrganization: boolean) => (eb: ExpressionBuilder<DB, 'api_tokens'>) =>
    eb.or([
      eb('api_tokens.location_id', 'in', scope.locationIds.length ? scope.locationIds : [0]),
      ...(coversOrganization ? [eb('api_tokens.location_id', 'is', null)] : []),
    ]);
