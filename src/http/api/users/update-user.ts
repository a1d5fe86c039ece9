// PATCH /api/v1/users/:userId: Edit a user: name, language, roles at your locations, disable.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { presentUser, updateUserBody, userOut } from './schema.ts';
import { updateUser } from '../../../commands/users/update-user.ts';

export const updateUserRoute = defineRoute({
  method: 'PATCH',
  path: '/users/:userId',
  summary: 'Edit a user: name, language, roles at your locations, disable',
  tag: 'Users',
  auth: 'users.write',
  isolation: 'tenant',
  params: z.strictObject({ userId: id }),
  body: updateUserBody,
  response: userOut,
  example: (ids) => ({
    params: { userId: ids.userId },
    body: { roles: [{ location_id: ids.locationId, role: 'sales_manager' }] },
  }),
  async handler({ db, scope, params, body, now }) {
    const { user, roles } = await db
      .transaction()
      .execute((trx) => updateUser(trx, scope, { userId: params.userId, ...body }, now));
    return presentUser(user, roles);
  },
});
