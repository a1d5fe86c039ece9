// GET /api/v1/users: Staff users with roles at the caller’s locations.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, listQuery, page } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { presentUser, userOut, ROLES } from './schema.ts';

export const listUsersRoute = defineRoute({
  method: 'GET',
  path: '/users',
  summary: 'Staff users with roles at the caller’s locations',
  tag: 'Users',
  auth: 'users.read',
  isolation: 'tenant',
  query: z.strictObject({ ...listQuery, location_id: id.optional(), role: z.enum(ROLES).optional() }),
  response: page(userOut),
  example: (ids) => ({ query: { location_id: ids.locationId } }),
  async handler({ s, scope, query }) {
    const locations = query.location_id ? [s.location(query.location_id).location_id] : scope.locationIds;
    let inScope = s
      .selectFromOrg('user_roles')
      .select('user_id')
      .where('location_id', 'in', locations.length ? locations : [0]);
    if (query.role) inScope = inScope.where('role', '=', query.role);
    const users = await s
      .selectFromOrg('users')
      .selectAll()
      .where('id', 'in', inScope)
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
    return pageOf(users, query.limit, (u) => presentUser(u, roles));
  },
});
