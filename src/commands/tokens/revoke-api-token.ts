// Revoke an API token the caller may see (effective on the token's next request).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { tokenInScope } from '../../accounts/api-token-scope.ts';
import { notFound } from '../../errors/app-error.ts';

export async function revokeApiToken(
  trx: Transaction<DB>,
  scope: Scope,
  input: { tokenId: number },
  now: Date,
): Promise<void> {
  const coversOrganization = await scoped(trx, scope).coversOrganization();
  const row = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('org_id', '=', scope.orgId)
    .where('id', '=', input.tokenId)
    .where('revoked_at', 'is', null)
    .where(tokenInScope(scope, coversOrganization))
    .returning(['id', 'name'])
    .executeTakeFirst();
  if (!row) throw notFound(`API token ${input.tokenId}`);
  await audit(trx, scope, 'revoke', 'api_token', row.id, { name: row.name }, now);
}
