// POST /vehicles: the VIN is validated (check digit) and decoded; maker and model year fill the
// card when not given.
import { defineRoute } from '../define.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { decodeVin } from '../../../domain/vin/decode-vin.ts';
import { localDate } from '../../../appointments/zoned-time.ts';
import { createVehicleBody, presentVehicle, vehicleOut } from './schema.ts';

export const createVehicleRoute = defineRoute({
  method: 'POST',
  path: '/vehicles',
  summary: 'Create a vehicle (VIN checked and decoded)',
  tag: 'Vehicles',
  auth: 'vehicles.write',
  isolation: 'tenant',
  status: 201,
  body: createVehicleBody,
  response: vehicleOut,
  example: (ids) => ({ body: { location_id: ids.locationId, customer_id: ids.customerId, vin: '1HGCM82633A004352', model: 'Accord', plate: 'ABC 123' } }),
  async handler({ db, scope, body, now }) {
    const { location_id, ...fields } = body;
    const decoded = decodeVin(fields.vin);
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const keys = s.location(location_id);
      if (fields.customer_id) await s.find('customers', fields.customer_id, 'Customer', 'customer_id');
      const location = await s.getLocation(keys.location_id);
      const row = await trx
        .insertInto('vehicles')
        .values({
          ...keys,
          ...fields,
          make: fields.make ?? decoded.make,
          year: fields.year ?? decoded.year,
          captured_on: fields.captured_on ?? localDate(now, location.time_zone),
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, scope, 'create', 'vehicle', row.id, { vin: row.vin, customer_id: row.customer_id }, now);
      return presentVehicle(row);
    });
  },
});
