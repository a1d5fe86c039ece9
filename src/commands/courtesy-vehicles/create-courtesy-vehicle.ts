// Add a courtesy vehicle (a loaner offered with appointments) at a location.
import type { Transaction } from 'kysely';
import type { CourtesyVehicle, DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';

export type CourtesyVehicleFields = {
  name?: string;
  plate?: string | null;
  active?: boolean;
};

export async function createCourtesyVehicle(
  trx: Transaction<DB>,
  scope: Scope,
  input: { locationId: number; fields: CourtesyVehicleFields & { name: string } },
  now: Date,
): Promise<CourtesyVehicle> {
  const row = await trx
    .insertInto('courtesy_vehicles')
    .values({ ...scoped(trx, scope).location(input.locationId, 'location_id'), ...input.fields })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, scope, 'create', 'courtesy_vehicle', row.id, input.fields, now);
  return row;
}
