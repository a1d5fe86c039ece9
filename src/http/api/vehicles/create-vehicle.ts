// POST /vehicles: the VIN is validated (check digit) and decoded; maker and model year fill the
// card when not given.
import { defineRoute } from '../define.ts';
import { createVehicleBody, presentVehicle, vehicleOut } from './schema.ts';
import { createVehicle } from '../../../commands/create-vehicle.ts';

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
  example: (ids) => ({
    body: {
      location_id: ids.locationId,
      customer_id: ids.customerId,
      vin: '1HGCM82633A004352',
      model: 'Accord',
      plate: 'ABC 123',
    },
  }),
  handler: ({ db, scope, body, now }) =>
    db.transaction().execute(async (trx) => presentVehicle(await createVehicle(trx, scope, body, now))),
});
