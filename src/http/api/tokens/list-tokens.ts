// GET /api/v1/api-tokens: API tokens of the caller's locations (never the secret).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, page, sortedListQuery } from '../schemas.ts';
import { keysetSorted, parseSort, sortedPage, type SortColumns } from '../../../db/keyset-sort.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { tokenOut, present, COLUMNS, tokenInScope } from './shared.ts';

/** The columns a token list sorts by (`sort=name`, `sort=-last_used_at`). */
export const TOKEN_SORTS: SortColumns = {
  name: { ref: 'name', type: 'text' },
  created_at: { ref: 'created_at', type: 'timestamptz' },
  last_used_at: { ref: 'last_used_at', type: 'timestamptz', nullable: true },
};

export const listTokensRoute = defineRoute({
  method: 'GET',
  path: '/api-tokens',
  summary:
    'API tokens of your locations (never the secret); tokens for every location only to who holds the permission at every location',
  tag: 'API tokens',
  auth: 'tokens.read',
  isolation: 'tenant',
  query: z.strictObject({
    ...sortedListQuery(TOKEN_SORTS),
    location_id: id.optional(),
    include_revoked: z.enum(['true', 'false']).optional(),
  }),
  response: page(tokenOut),
  example: (ids) => ({ query: { location_id: ids.locationId } }),
  async handler({ s, scope, query }) {
    let q = s
      .selectFromOrg('api_tokens')
      .select(COLUMNS)
      .where(tokenInScope(scope, await s.coversOrganization()));
    if (query.location_id) q = q.where('location_id', '=', s.location(query.location_id).location_id);
    if (query.include_revoked !== 'true') q = q.where('revoked_at', 'is', null);
    if (query.sort) {
      const sort = parseSort(TOKEN_SORTS, query.sort);
      const rows = await keysetSorted(q, sort, 'id', query.cursor, query.limit).execute();
      return sortedPage(rows, query.limit, sort, present);
    }
    q = q
      .where('id', '>', decodeCursor(query.cursor))
      .orderBy('id')
      .limit(query.limit + 1);
    return pageOf(await q.execute(), query.limit, present);
  },
});
