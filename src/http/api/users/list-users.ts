// GET /api/v1/users: Staff users with roles at the caller’s locations.
import { z } from 'zod';
import type { Selectable } from 'kysely';
import type { UsersTable } from '../../../db/schema.ts';
import { defineRoute } from '../define.ts';
import { id, page, sortedListQuery } from '../schemas.ts';
import { keysetSorted, parseSort, sortedPage, type SortColumns } from '../../../db/keyset-sort.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { presentUser, userOut, ROLES } from './schema.ts';

/** The columns a user list sorts by (`sort=name`, `sort=-created_at`). */
export const USER_SORTS: SortColumns = {
  name: { ref: 'name', type: 'text' },
  email: { ref: 'email', type: 'text' },
  language: { ref: 'language', type: 'text' },
  created_at: { ref: 'created_at', type: 'timestamptz' },
};

export const listUsersRoute = defineRoute({
  method: 'GET',
  path: '/users',
  summary: 'Staff users with roles at the caller’s locations',
  tag: 'Users',
  auth: 'users.read',
  isolation: 'tenant',
  query: z.strictObject({
    ...sortedListQuery(USER_SORTS),
    location_id: id.optional(),
    role: z.enum(ROLES).optional(),
  }),
  response: page(userOut),
  example: (ids) => ({ query: { location_id: ids.locationId } }),
  async handler({ s, scope, query }) {
    const locations = query.location_id ? [s.location(query.location_id).location_id] : scope.locationIds;
    let inScope = s
      .selectFromOrg('user_roles')
      .select('user_id')
      .where('location_id', 'in', locations.length ? locations : [0]);
    if (query.role) inScope = inScope.where('role', '=', query.role);
    const base = s.selectFromOrg('users').selectAll().where('id', 'in', inScope);
    const sort = query.sort ? parseSort(USER_SORTS, query.sort) : undefined;
    const users: Array<Selectable<UsersTable> & { sort_key?: string }> = sort
      ? await keysetSorted(base, sort, 'id', query.cursor, query.limit).execute()
      : await base
          .where('id', '>', decodeCursor(query.cursor))
          .orderBy('id')
          .limit(query.limit + 1)
          .execute();
    const roles = users.length
      ? await s
          .selectFromOrg('user_roles')
          .select(['user_id', 'location_id', 'role'])
          .where(
            'user_id',
            'in',
            users.map((u) => u.id),
          )
          .execute()
      : [];
    if (sort)
      return sortedPage(
        users as Array<(typeof users)[number] & { sort_key: string }>,
        query.limit,
        sort,
        (u) => presentUser(u, roles),
      );
    return pageOf(users, query.limit, ({ sort_key: _k, ...u }) => presentUser(u, roles));
  },
});
