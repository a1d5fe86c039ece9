// Creating accounts outside the API (CLI, fresh install): a staff user with a role at a location
// of an organization (both made when missing), or an operator. A password is generated unless
// given; it is only ever printed once.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Role } from '../domain/role.ts';
import { hashPassword } from '../security/passwords.ts';
import { createOrganization } from '../tenancy/create-organization.ts';
import { createLocation } from '../tenancy/create-location.ts';

export const generatePassword = () => randomBytes(12).toString('base64url');

export interface NewStaffUser {
  orgName: string;
  locationCode: string;
  email: string;
  name?: string;
  role: Role;
  password?: string;
  timeZone?: string;
}

export interface CreatedUser {
  userId: number;
  orgId: number | null;
  locationId: number | null;
  password: string;
  generated: boolean;
  created: string[];
}

async function emailTaken(db: Kysely<DB>, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  return Boolean(row);
}

export async function createStaffUser(db: Kysely<DB>, input: NewStaffUser, now: Date): Promise<CreatedUser> {
  if (await emailTaken(db, input.email)) throw new Error(`A user with email ${input.email} already exists`);
  const password = input.password ?? generatePassword();
  const hash = await hashPassword(password);
  const created: string[] = [];
  const org = await db.selectFrom('organizations').select('id').where('name', '=', input.orgName).execute();
  if (org.length > 1) throw new Error(`Several organizations are named "${input.orgName}"`);
  let orgId = org[0]?.id;
  if (!orgId) {
    orgId = await createOrganization(db, input.orgName);
    created.push(`organization "${input.orgName}"`);
  }
  let location = await db
    .selectFrom('locations')
    .select('id')
    .where('org_id', '=', orgId)
    .where('code', '=', input.locationCode)
    .executeTakeFirst();
  if (!location) {
    location = await createLocation(db, orgId, {
      code: input.locationCode,
      name: input.locationCode,
      ...(input.timeZone ? { time_zone: input.timeZone } : {}),
    });
    created.push(`location "${input.locationCode}"`);
  }
  const user = await db.transaction().execute(async (trx) => {
    const u = await trx
      .insertInto('users')
      .values({
        org_id: orgId,
        email: input.email,
        name: input.name ?? input.email.split('@')[0]!,
        password_hash: hash,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('user_roles')
      .values({ org_id: orgId, user_id: u.id, location_id: location.id, role: input.role })
      .execute();
    await trx
      .insertInto('audit_log')
      .values({
        org_id: orgId,
        actor_type: 'system',
        action: 'create',
        entity: 'user',
        entity_id: String(u.id),
        changes: JSON.stringify({
          email: input.email,
          role: input.role,
          location_id: location.id,
          via: 'cli',
        }),
        at: now,
      })
      .execute();
    return u;
  });
  return { userId: user.id, orgId, locationId: location.id, password, generated: !input.password, created };
}

export async function createOperator(
  db: Kysely<DB>,
  input: { email: string; name?: string; password?: string },
  now: Date,
): Promise<CreatedUser> {
  if (await emailTaken(db, input.email)) throw new Error(`A user with email ${input.email} already exists`);
  const password = input.password ?? generatePassword();
  const user = await db
    .insertInto('users')
    .values({
      org_id: null,
      is_platform_admin: true,
      email: input.email,
      name: input.name ?? 'Operator',
      password_hash: await hashPassword(password),
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('audit_log')
    .values({
      org_id: 0,
      actor_type: 'system',
      action: 'create',
      entity: 'operator',
      entity_id: String(user.id),
      changes: JSON.stringify({ email: input.email, via: 'cli' }),
      at: now,
    })
    .execute();
  return {
    userId: user.id,
    orgId: null,
    locationId: null,
    password,
    generated: !input.password,
    created: [],
  };
}
