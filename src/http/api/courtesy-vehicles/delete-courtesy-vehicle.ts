// DELETE /api/v1/courtesy-vehicles/:courtesyVehicleId: Delete a courtesy vehicle never booked (otherwise deactivate: 409).
import { deleteCourtesyVehicle } from '../../../commands/courtesy-vehicles/delete-courtesy-vehicle.ts';
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { params } from './shared.ts';

export const deleteCourtesyVehicleRoute = defineRoute({
  method: 'DELETE',
  path: '/courtesy-vehicles/:courtesyVehicleId',
  summary: 'Delete a courtesy vehicle never booked (otherwise deactivate: 409)',
  tag: 'Courtesy vehicles',
  auth: 'courtesy_vehicles.write',
  isolation: 'tenant',
  status: 204,
  params,
  response: z.undefined(),
  example: (ids) => ({ params: { courtesyVehicleId: ids.courtesyVehicleId } }),
  async handler({ db, scope, params, now }) {
    await db
      .transaction()
      .execute((trx) =>
        deleteCourtesyVehicle(trx, scope, { courtesyVehicleId: params.courtesyVehicleId }, now),
      );
  },
});
