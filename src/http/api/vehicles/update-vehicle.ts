import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { presentVehicle, updateVehicleBody, vehicleOut } from './schema.ts';
import { updateVehicle } from '../../../commands/update-vehicle.ts';

export const updateVehicleRoute = defineRoute({
  method: 'PATCH',
  path: '/vehicles/:vehicleId',
  summary: 'Edit a vehicle (audited)',
  tag: 'Vehicles',
  auth: 'vehicles.write',
  isolation: 'tenant',
  params: z.strictObject({ vehicleId: id }),
  body: updateVehicleBody,
  response: vehicleOut,
  example: (ids) => ({ params: { vehicleId: ids.vehicleId }, body: { plate: 'XYZ 789', status: 'active' } }),
  handler: ({ db, scope, params, body, now }) =>
    db
      .transaction()
      .execute(async (trx) =>
        presentVehicle(await updateVehicle(trx, scope, { vehicleId: params.vehicleId, fields: body }, now)),
      ),
});
