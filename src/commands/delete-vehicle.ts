// Delete a vehicle; rows that refer to it follow their foreign keys (migrations 0001 and 0100).
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { audit } from '../accounts/audit.ts';
import { notFound } from '../errors/app-error.ts';

export async function deleteVehicle(
  trx: Transaction<DB>,
  scope: Scope,
  input: { vehicleId: number },
  now: Date,
): Promise<void> {
  const row = await scoped(trx, scope)
    .deleteFrom('vehicles')
    .where('id', '=', input.vehicleId)
    .returning(['id', 'vin', 'location_id'])
    .executeTakeFirst();
  if (!row) throw notFound(`Vehicle ${input.vehicleId}`);
  await audit(trx, scope, 'delete', 'vehicle', row.id, { vin: row.vin }, now, row.location_id);
}
