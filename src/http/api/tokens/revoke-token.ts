// DELETE /api/v1/api-tokens/:tokenId: Revoke an API token (effective on the next request).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { revokeApiToken } from '../../../commands/tokens/revoke-api-token.ts';

export const revokeTokenRoute = defineRoute({
  method: 'DELETE',
  path: '/api-tokens/:tokenId',
  summary: 'Revoke an API token (effective on the next request)',
  tag: 'API tokens',
  auth: 'tokens.write',
  isolation: 'tenant',
  status: 204,
  params: z.strictObject({ tokenId: id }),
  response: z.undefined(),
  example: (ids) => ({ params: { tokenId: ids.tokenId } }),
  async handler({ db, scope, params, now }) {
    await db.transaction().execute((trx) => revokeApiToken(trx, scope, { tokenId: params.tokenId }, now));
  },
});
