// Staff users of the organization: list, create (a password is generated unless given, and
// shown once), edit (name, language, roles, disable). Disabling ends the user's sessions and
// revokes the API tokens they created.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, listQuery, page } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { audit } from '../../../accounts/audit.ts';
import { hashPassword } from '../../../security/passwords.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { createUserBody, presentUser, updateUserBody, userOut, ROLES } from './schema.ts';
import { checkRoleGrants, findManagedUser } from './user-access.ts';
import type { Role } from '../../../db/schema.ts';

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
    let inScope = s.selectFromOrg('user_roles').select('user_id').where('location_id', 'in', locations.length ? locations : [0]);
    if (query.role) inScope = inScope.where('role', '=', query.role);
    const users = await s
      .selectFromOrg('users')
      .selectAll()
      .where('id', 'in', inScope)
      .where('id', '>', decodeCursor(query.cursor))
      .orderBy('id')
      .limit(query.limit + 1)
      .execute();
    const roles = users.length ? await s.selectFromOrg('user_roles').select(['user_id', 'location_id', 'role']).where('user_id', 'in', users.map((u) => u.id)).execute() : [];
    return pageOf(users, query.limit, (u) => presentUser(u, roles));
  },
});

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
  example: (ids) => ({ body: { email: 'advisor@garage.test', name: 'Sophie Roy', language: 'fr', roles: [{ location_id: ids.locationId, role: 'service_advisor' }] } }),
  async handler({ db, scope, body, now }) {
    const generated = body.password ? undefined : randomBytes(12).toString('base64url');
    const hash = await hashPassword(body.password ?? generated!);
    return db.transaction().execute(async (trx) => {
      await checkRoleGrants(trx, scope, body.roles);
      const user = await trx.insertInto('users').values({ org_id: scope.orgId, email: body.email, name: body.name, language: body.language, password_hash: hash, created_at: now }).returningAll().executeTakeFirstOrThrow();
      const roles = body.roles.map((r) => ({ org_id: scope.orgId, user_id: user.id, location_id: r.location_id, role: r.role as Role }));
      await trx.insertInto('user_roles').values(roles).onConflict((oc) => oc.doNothing()).execute();
      await audit(trx, scope, 'create', 'user', user.id, { email: body.email, roles: body.roles }, now);
      return { ...presentUser(user, roles), ...(generated ? { password: generated } : {}) };
    });
  },
});

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
  example: (ids) => ({ params: { userId: ids.userId }, body: { roles: [{ location_id: ids.locationId, role: 'sales_manager' }] } }),
  async handler({ db, scope, params, body, now }) {
    return db.transaction().execute(async (trx) => {
      const { user, roles: before } = await findManagedUser(trx, scope, params.userId);
      const set = { ...(body.name ? { name: body.name } : {}), ...(body.language ? { language: body.language } : {}), ...(body.disabled !== undefined ? { disabled_at: body.disabled ? now : null } : {}) };
      const after = Object.keys(set).length ? await scoped(trx, scope).updateTableOrg('users').set(set).where('id', '=', user.id).returningAll().executeTakeFirstOrThrow() : user;
      // Disabling ends the user's sessions and revokes the API tokens they created (the auth hook
      // also refuses a token whose creator is disabled, whatever disabled them).
      let revoked: number[] = [];
      if (body.disabled) {
        await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
        const tokens = await scoped(trx, scope).updateTableOrg('api_tokens').set({ revoked_at: now }).where('created_by', '=', user.id).where('revoked_at', 'is', null).returning('id').execute();
        revoked = tokens.map((t) => t.id);
      }
      if (body.roles) {
        await checkRoleGrants(trx, scope, body.roles);
        // Only roles at the caller's locations are replaced; roles elsewhere stay as they are.
        await scoped(trx, scope).deleteFromOrg('user_roles').where('user_id', '=', user.id).where('location_id', 'in', scope.locationIds.length ? scope.locationIds : [0]).execute();
        if (body.roles.length) await trx.insertInto('user_roles').values(body.roles.map((r) => ({ org_id: scope.orgId, user_id: user.id, location_id: r.location_id, role: r.role as Role }))).onConflict((oc) => oc.doNothing()).execute();
      }
      const roles = await scoped(trx, scope).selectFromOrg('user_roles').select(['user_id', 'location_id', 'role']).where('user_id', '=', user.id).execute();
      await audit(trx, scope, 'update', 'user', user.id, { ...set, ...(revoked.length ? { revoked_api_tokens: revoked } : {}), ...(body.roles ? { roles: { from: before.map((r) => `${r.location_id}:${r.role}`), to: roles.map((r) => `${r.location_id}:${r.role}`) } } : {}) }, now);
      return presentUser(after, roles);
    });
  },
});
