import { deleteVehicle } from '../../../commands/delete-vehicle.ts';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';

export const deleteVehicleRoute = defineRoute({
  method: 'DELETE',
  path: '/vehicles/:vehicleId',
  summary: 'Delete a vehicle',
  tag: 'Vehicles',
  auth: 'vehicles.write',
  isolation: 'tenant',
  status: 204,
  params: z.strictObject({ vehicleId: id }),
  response: z.undefined(),
  example: (ids) => ({ params: { vehicleId: ids.vehicleId } }),
  async handler({ db, scope, params, now }) {
    await db.transaction().execute((trx) => deleteVehicle(trx, scope, { vehicleId: params.vehicleId }, now));
  },
});
