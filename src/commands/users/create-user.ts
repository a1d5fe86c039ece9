// Add a staff user with roles at the caller's locations (only an owner makes owners). Without a
// password given, one is generated and returned once.
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Language } from '../../domain/language.ts';
import type { Role } from '../../domain/role.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { audit } from '../../accounts/audit.ts';
import { checkRoleGrants } from '../../accounts/user-access.ts';
import { hashPassword } from '../../security/passwords.ts';

export interface RoleGrant {
  location_id: number;
  role: string;
}

export async function createUser(
  trx: Transaction<DB>,
  scope: Scope,
  input: { email: string; name: string; language: Language; password?: string; roles: RoleGrant[] },
  now: Date,
) {
  const generated = input.password ? undefined : randomBytes(12).toString('base64url');
  const hash = await hashPassword(input.password ?? generated!);
  await checkRoleGrants(trx, scope, input.roles);
  const user = await trx
    .insertInto('users')
    .values({
      org_id: scope.orgId,
      email: input.email,
      name: input.name,
      language: input.language,
      password_hash: hash,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const roles = input.roles.map((r) => ({
    org_id: scope.orgId,
    user_id: user.id,
    location_id: r.location_id,
    role: r.role as Role,
  }));
  await trx
    .insertInto('user_roles')
    .values(roles)
    .onConflict((oc) => oc.doNothing())
    .execute();
  await audit(trx, scope, 'create', 'user', user.id, { email: input.email, roles: input.roles }, now);
  return { user, roles, generated };
}
