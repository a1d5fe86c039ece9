// POST /api/v1/courtesy-vehicles: Add a courtesy vehicle.
import { createCourtesyVehicle } from '../../../commands/courtesy-vehicles/create-courtesy-vehicle.ts';
import { defineRoute } from '../define.ts';
import { courtesyVehicleOut, createCourtesyVehicleBody, presentCourtesyVehicle } from './schema.ts';

export const createCourtesyVehicleRoute = defineRoute({
  method: 'POST',
  path: '/courtesy-vehicles',
  summary: 'Add a courtesy vehicle',
  tag: 'Courtesy vehicles',
  auth: 'courtesy_vehicles.write',
  isolation: 'tenant',
  status: 201,
  body: createCourtesyVehicleBody,
  response: courtesyVehicleOut,
  example: (ids) => ({ body: { location_id: ids.locationId, name: 'Corolla grise', plate: 'LOAN 1' } }),
  async handler({ db, scope, body, now }) {
    const { location_id, ...fields } = body;
    const row = await db
      .transaction()
      .execute((trx) => createCourtesyVehicle(trx, scope, { locationId: location_id, fields }, now));
    return presentCourtesyVehicle(row);
  },
});
