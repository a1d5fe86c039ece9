// API tokens for shop systems: shown once at creation, stored as SHA-256, scoped to read and/or
// write (shop data only) and optionally to one location, revocable at once.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { bodyId, id, iso, listQuery, page, text } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { HttpError, notFound } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { hashSecret, newSecret } from '../../../accounts/tokens.ts';
import { TOKEN_SCOPES } from '../../../accounts/permissions.ts';

const tokenOut = z.object({
  id: z.number(), name: z.string(), scopes: z.array(z.string()), location_id: z.number().nullable(), created_by: z.number().nullable(),
  created_at: z.string(), last_used_at: z.string().nullable(), revoked_at: z.string().nullable(),
});
type Row = { id: number; name: string; scopes: string[]; location_id: number | null; created_by: number | null; created_at: Date; last_used_at: Date | null; revoked_at: Date | null };
const present = (t: Row) => ({ id: t.id, name: t.name, scopes: t.scopes, location_id: t.location_id, created_by: t.created_by, created_at: iso(t.created_at)!, last_used_at: iso(t.last_used_at), revoked_at: iso(t.revoked_at) });
const COLUMNS = ['id', 'name', 'scopes', 'location_id', 'created_by', 'created_at', 'last_used_at', 'revoked_at'] as const;

export const listTokensRoute = defineRoute({
  method: 'GET',
  path: '/api-tokens',
  summary: 'API tokens of the organization (never the secret)',
  tag: 'API tokens',
  auth: 'tokens.read',
  isolation: 'tenant',
  query: z.strictObject({ ...listQuery, location_id: id.optional(), include_revoked: z.enum(['true', 'false']).optional() }),
  response: page(tokenOut),
  example: (ids) => ({ query: { location_id: ids.locationId } }),
  async handler({ s, query }) {
    let q = s.selectFromOrg('api_tokens').select(COLUMNS).where('id', '>', decodeCursor(query.cursor)).orderBy('id').limit(query.limit + 1);
    if (query.location_id) q = q.where('location_id', '=', s.location(query.location_id).location_id);
    if (query.include_revoked !== 'true') q = q.where('revoked_at', 'is', null);
    return pageOf(await q.execute(), query.limit, present);
  },
});

export const createTokenRoute = defineRoute({
  method: 'POST',
  path: '/api-tokens',
  summary: 'Create an API token (the secret is in this response only)',
  tag: 'API tokens',
  auth: 'tokens.write',
  isolation: 'tenant',
  status: 201,
  body: z.strictObject({ name: text(100).min(1), scopes: z.array(z.enum(TOKEN_SCOPES)).min(1).max(2), location_id: bodyId.nullable().default(null) }),
  response: tokenOut.extend({ token: z.string() }),
  example: (ids) => ({ body: { name: 'Shop system sync', scopes: ['read', 'write'], location_id: ids.locationId } }),
  async handler({ db, s, scope, body, now }) {
    if (body.location_id !== null) s.location(body.location_id);
    else {
      const all = await s.selectFromOrg('locations').select('id').execute();
      if (all.some((l) => !scope.locationIds.includes(l.id))) throw new HttpError(403, 'forbidden', 'location_id: a token for every location needs your role at every location; give a location_id', 'location_id');
    }
    const token = newSecret('rl_');
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('api_tokens')
        .values({ org_id: scope.orgId, name: body.name, token_hash: hashSecret(token), scopes: [...new Set(body.scopes)], location_id: body.location_id, created_by: scope.userId, created_at: now })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      await audit(trx, scope, 'create', 'api_token', row.id, { name: body.name, scopes: body.scopes, location_id: body.location_id }, now);
      return { ...present(row), token };
    });
  },
});

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
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', params.tokenId)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('location_id', 'is', null), eb('location_id', 'in', scope.locationIds.length ? scope.locationIds : [0])]))
        .returning(['id', 'name'])
        .executeTakeFirst();
      if (!row) throw notFound(`API token ${params.tokenId}`);
      await audit(trx, scope, 'revoke', 'api_token', row.id, { name: row.name }, now);
    });
  },
});
