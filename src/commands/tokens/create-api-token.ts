// Create an API token: for one location of the caller, or for every location when the caller's
// role holds at every one. The secret is returned once; only its hash is kept.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { hashSecret, newSecret } from '../../accounts/tokens.ts';
import { API_TOKEN_COLUMNS } from '../../accounts/api-token-scope.ts';
import { AppError } from '../../errors/app-error.ts';

export async function createApiToken(
  trx: Transaction<DB>,
  scope: Scope,
  input: { name: string; scopes: string[]; locationId: number | null },
  now: Date,
) {
  const s = scoped(trx, scope);
  if (input.locationId !== null) s.location(input.locationId);
  else if (!(await s.coversOrganization()))
    throw new AppError(
      403,
      'forbidden',
      'location_id: a token for every location needs your role at every location; give a location_id',
      'location_id',
    );
  const token = newSecret('rl_');
  const row = await trx
    .insertInto('api_tokens')
    .values({
      org_id: scope.orgId,
      name: input.name,
      token_hash: hashSecret(token),
      scopes: [...new Set(input.scopes)],
      location_id: input.locationId,
      created_by: scope.userId,
      created_at: now,
    })
    .returning(API_TOKEN_COLUMNS)
    .executeTakeFirstOrThrow();
  await audit(
    trx,
    scope,
    'create',
    'api_token',
    row.id,
    { name: input.name, scopes: input.scopes, location_id: input.locationId },
    now,
  );
  return { row, token };
}
