// Edit a staff user: name, language, roles at the caller's locations, disable. Only owners manage
// owners; disabling ends the user's sessions and revokes the API tokens they created.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Language } from '../../domain/language.ts';
import type { Role } from '../../domain/role.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { checkOwnerManagement, checkRoleGrants, findManagedUser } from '../../accounts/user-access.ts';
import type { RoleGrant } from './create-user.ts';

export async function updateUser(
  trx: Transaction<DB>,
  scope: Scope,
  input: { userId: number; name?: string; language?: Language; disabled?: boolean; roles?: RoleGrant[] },
  now: Date,
) {
  const { user, roles: before } = await findManagedUser(trx, scope, input.userId);
  if (input.disabled !== undefined) await checkOwnerManagement(trx, scope, before, 'disabled');
  if (input.roles) await checkOwnerManagement(trx, scope, before, 'roles');
  const set = {
    ...(input.name ? { name: input.name } : {}),
    ...(input.language ? { language: input.language } : {}),
    ...(input.disabled !== undefined ? { disabled_at: input.disabled ? now : null } : {}),
  };
  const after = Object.keys(set).length
    ? await scoped(trx, scope)
        .updateTableOrg('users')
        .set(set)
        .where('id', '=', user.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : user;
  // Disabling ends the user's sessions and revokes the API tokens they created (the auth hook
  // also refuses a token whose creator is disabled, whatever disabled them).
  let revoked: number[] = [];
  if (input.disabled) {
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    const tokens = await scoped(trx, scope)
      .updateTableOrg('api_tokens')
      .set({ revoked_at: now })
      .where('created_by', '=', user.id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    revoked = tokens.map((t) => t.id);
  }
  if (input.roles) {
    await checkRoleGrants(trx, scope, input.roles);
    // Only roles at the caller's locations are replaced; roles elsewhere stay as they are.
    await scoped(trx, scope)
      .deleteFromOrg('user_roles')
      .where('user_id', '=', user.id)
      .where('location_id', 'in', scope.locationIds.length ? scope.locationIds : [0])
      .execute();
    if (input.roles.length)
      await trx
        .insertInto('user_roles')
        .values(
          input.roles.map((r) => ({
            org_id: scope.orgId,
            user_id: user.id,
            location_id: r.location_id,
            role: r.role as Role,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
  }
  const roles = await scoped(trx, scope)
    .selectFromOrg('user_roles')
    .select(['user_id', 'location_id', 'role'])
    .where('user_id', '=', user.id)
    .execute();
  await audit(
    trx,
    scope,
    'update',
    'user',
    user.id,
    {
      ...set,
      ...(revoked.length ? { revoked_api_tokens: revoked } : {}),
      ...(input.roles
        ? {
            roles: {
              from: before.map((r) => `${r.location_id}:${r.role}`),
              to: roles.map((r) => `${r.location_id}:${r.role}`),
            },
          }
        : {}),
    },
    now,
  );
  return { user: after, roles };
}
