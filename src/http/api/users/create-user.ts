// POST /api/v1/users: Add a staff user (generated password returned once unless one is given).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { createUserBody, presentUser, userOut } from './schema.ts';
import { createUser } from '../../../commands/users/create-user.ts';

export const createUserRoute = defineRoute({
  method: 'POST',
  path: '/users',
  summary: 'Add a staff user (generated password returned once unless one is given)',
  tag: 'Users',
  auth: 'users.write',
  isolation: 'tenant',
  status: 201,
  body: createUserBody,
  response: userOut.extend({ password: z.string().optional() }),
  example: (ids) => ({
    body: {
      email: 'advisor@garage.test',
      name: 'Sophie Roy',
      language: 'fr',
      roles: [{ location_id: ids.locationId, role: 'service_advisor' }],
    },
  }),
  async handler({ db, scope, body, now }) {
    const { user, roles, generated } = await db
      .transaction()
      .execute((trx) => createUser(trx, scope, body, now));
    return { ...presentUser(user, roles), ...(generated ? { password: generated } : {}) };
  },
});
