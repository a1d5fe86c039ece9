// Edit a vehicle: only the fields given change; the audit log records each one from → to.
import type { Transaction } from 'kysely';
import type { Updateable } from 'kysely';
import type { DB, Vehicle, VehiclesTable } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { audit, diff } from '../accounts/audit.ts';
import { notFound } from '../errors/app-error.ts';

export interface UpdateVehicleInput {
  vehicleId: number;
  fields: Omit<Updateable<VehiclesTable>, 'org_id' | 'id' | 'location_id' | 'created_at' | 'updated_at'>;
}

export async function updateVehicle(
  trx: Transaction<DB>,
  scope: Scope,
  input: UpdateVehicleInput,
  now: Date,
): Promise<Vehicle> {
  const { vehicleId, fields } = input;
  const s = scoped(trx, scope);
  const before = await s
    .selectFrom('vehicles')
    .selectAll()
    .where('id', '=', vehicleId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound(`Vehicle ${vehicleId}`);
  if (fields.customer_id) await s.find('customers', fields.customer_id, 'Customer', 'customer_id');
  const after = await s
    .updateTable('vehicles')
    .set({ ...fields, updated_at: now })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const changes = diff(before, fields);
  if (Object.keys(changes).length > 0) await audit(trx, scope, 'update', 'vehicle', before.id, changes, now);
  return after;
}
