// Delete a courtesy vehicle never booked; one that was booked is deactivated instead (the
// database refuses the delete, which the HTTP layer answers as 409 in_use).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { notFound } from '../../errors/app-error.ts';

export async function deleteCourtesyVehicle(
  trx: Transaction<DB>,
  scope: Scope,
  input: { courtesyVehicleId: number },
  now: Date,
): Promise<void> {
  const row = await scoped(trx, scope)
    .deleteFrom('courtesy_vehicles')
    .where('id', '=', input.courtesyVehicleId)
    .returning(['id', 'name', 'location_id'])
    .executeTakeFirst();
  if (!row) throw notFound(`Courtesy vehicle ${input.courtesyVehicleId}`);
  await audit(trx, scope, 'delete', 'courtesy_vehicle', row.id, { name: row.name }, now, row.location_id);
}
