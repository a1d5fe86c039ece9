// Open a new location in the caller's organization: it comes with the default rules and schedule
// (tenancy/create-location.ts), and the staff user who opens it becomes its owner.
import type { Transaction } from 'kysely';
import type { DB, Location } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { createLocation } from '../../tenancy/create-location.ts';
import { audit } from '../../accounts/audit.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Language } from '../../domain/language.ts';

export type OpenLocationInput = {
  code: string;
  name: string;
  time_zone: string;
  language: Language;
};

export async function openLocation(
  trx: Transaction<DB>,
  scope: Scope,
  input: OpenLocationInput,
  now: Date,
): Promise<Location> {
  if (!scope.userId || scope.actor.type !== 'user')
    throw new AppError(403, 'forbidden', 'Only a staff user can open a location');
  const location = await createLocation(trx, scope.orgId, input);
  await trx
    .insertInto('user_roles')
    .values({ org_id: scope.orgId, user_id: scope.userId, location_id: location.id, role: 'owner' })
    .execute();
  await audit(trx, scope, 'create', 'location', location.id, input, now);
  return location;
}
