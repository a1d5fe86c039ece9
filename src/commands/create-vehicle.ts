// Add a vehicle at one of the scope's locations: the VIN (validated by the caller's schema, the one
// VIN rule) is decoded offline from NHTSA vPIC; maker, model, year, trim, engine, body, fuel, drive
// and plant fill the card when not given; captured on the location's today unless said otherwise.
// Audited.
import type { Transaction } from 'kysely';
import type { DB, NewVehicle, Vehicle } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { audit } from '../accounts/audit.ts';
import { decodeVehicle, fillCard, vehicleCardFields } from '../vpic/decode-vehicle.ts';
import { localDate } from '../appointments/zoned-time.ts';

export type CreateVehicleInput = Omit<NewVehicle, 'org_id' | 'id' | 'created_at' | 'updated_at'> & {
  location_id: number;
  vin: string;
};

export async function createVehicle(
  trx: Transaction<DB>,
  scope: Scope,
  input: CreateVehicleInput,
  now: Date,
): Promise<Vehicle> {
  const { location_id, ...given } = input;
  const fields = fillCard(given, vehicleCardFields(await decodeVehicle(given.vin))).card;
  const s = scoped(trx, scope);
  const keys = s.location(location_id);
  if (fields.customer_id) await s.find('customers', fields.customer_id, 'Customer', 'customer_id');
  const location = await s.getLocation(keys.location_id);
  const row = await trx
    .insertInto('vehicles')
    .values({
      ...keys,
      ...fields,
      captured_on: fields.captured_on ?? localDate(now, location.time_zone),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, scope, 'create', 'vehicle', row.id, { vin: row.vin, customer_id: row.customer_id }, now);
  return row;
}
