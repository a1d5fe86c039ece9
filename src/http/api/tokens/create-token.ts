// POST /api/v1/api-tokens: Create an API token (the secret is in this response only).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { bodyId, text } from '../schemas.ts';
import { TOKEN_SCOPES } from '../../../accounts/permissions.ts';
import { createApiToken } from '../../../commands/tokens/create-api-token.ts';
import { tokenOut, present } from './shared.ts';

export const createTokenRoute = defineRoute({
  method: 'POST',
  path: '/api-tokens',
  summary: 'Create an API token (the secret is in this response only)',
  tag: 'API tokens',
  auth: 'tokens.write',
  isolation: 'tenant',
  status: 201,
  body: z.strictObject({
    name: text(100).min(1),
    scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(2),
    location_id: bodyId.nullable().default(null),
  }),
  response: tokenOut.extend({ token: z.string() }),
  example: (ids) => ({
    body: { name: 'Shop system sync', scopes: ['read', 'write'], location_id: ids.locationId },
  }),
  async handler({ db, scope, body, now }) {
    return db.transaction().execute(async (trx) => {
      const { row, token } = await createApiToken(
        trx,
        scope,
        { name: body.name, scopes: body.scopes, locationId: body.location_id },
        now,
      );
      return { ...present(row), token };
    });
  },
});
