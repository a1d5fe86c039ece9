// Rules for managing staff: roles can only be given at locations in the caller's scope, and only
// an owner of a location may make someone else owner there (no self-promotion by managers).
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { AppError } from '../errors/app-error.ts';

export async function checkRoleGrants(
  trx: Transaction<DB>,
  scope: Scope,
  roles: Array<{ location_id: number; role: string }>,
): Promise<void> {
  for (const [i, r] of roles.entries()) {
    if (!scope.locationIds.includes(r.location_id))
      throw new AppError(404, 'not_found', 'Location not found', `roles.${i}.location_id`);
  }
  const owned = roles.filter((r) => r.role === 'owner');
  if (owned.length === 0) return;
  const ownerAt = await callerOwnsAt(trx, scope);
  const bad = owned.find((r) => !ownerAt.has(r.location_id));
  if (bad)
    throw new AppError(403, 'forbidden', 'Only an owner of the location can grant the owner role', 'roles');
}

/** A user of the caller's organization who has (or had) a role at one of the caller's locations. */
export async function findManagedUser(trx: Transaction<DB>, scope: Scope, userId: number) {
  const s = scoped(trx, scope);
  const user = await s.selectFromOrg('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw new AppError(404, 'not_found', `User ${userId} not found`);
  const roles = await s
    .selectFromOrg('user_roles')
    .select(['user_id', 'location_id', 'role'])
    .where('user_id', '=', userId)
    .execute();
  if (roles.length > 0 && !roles.some((r) => scope.locationIds.includes(r.location_id)))
    throw new AppError(404, 'not_found', `User ${userId} not found`);
  return { user, roles };
}

/**
 * Only owners manage owners: disabling an owner, or changing the roles of someone who is owner at
 * one of the caller's locations, needs the caller to be owner there (a manager could otherwise
 * disable or demote the owner, and revoke the owner's API tokens with it).
 */
export async function checkOwnerManagement(
  trx: Transaction<DB>,
  scope: Scope,
  target: Array<{ location_id: number; role: string }>,
  field: 'disabled' | 'roles',
): Promise<void> {
  const ownedHere = target.filter((r) => r.role === 'owner' && scope.locationIds.includes(r.location_id));
  if (ownedHere.length === 0) return;
  const ownerAt = await callerOwnsAt(trx, scope);
  if (ownedHere.some((r) => !ownerAt.has(r.location_id)))
    throw new AppError(403, 'forbidden', 'Only an owner of the location can change an owner', field);
}

/** The locations where the caller is owner. */
async function callerOwnsAt(trx: Transaction<DB>, scope: Scope): Promise<Set<number>> {
  const mine = await scoped(trx, scope)
    .selectFromOrg('user_roles')
    .select('location_id')
    .where('user_id', '=', scope.userId ?? 0)
    .where('role', '=', 'owner')
    .execute();
  return new Set(mine.map((r) => r.location_id));
}
