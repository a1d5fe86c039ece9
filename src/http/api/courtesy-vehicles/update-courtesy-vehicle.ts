// PATCH /api/v1/courtesy-vehicles/:courtesyVehicleId: Edit a courtesy vehicle.
import { updateCourtesyVehicle } from '../../../commands/courtesy-vehicles/update-courtesy-vehicle.ts';
import { defineRoute } from '../define.ts';
import { courtesyVehicleOut, presentCourtesyVehicle, updateCourtesyVehicleBody } from './schema.ts';
import { params } from './shared.ts';

export const updateCourtesyVehicleRoute = defineRoute({
  method: 'PATCH',
  path: '/courtesy-vehicles/:courtesyVehicleId',
  summary: 'Edit a courtesy vehicle',
  tag: 'Courtesy vehicles',
  auth: 'courtesy_vehicles.write',
  isolation: 'tenant',
  params,
  body: updateCourtesyVehicleBody,
  response: courtesyVehicleOut,
  example: (ids) => ({ params: { courtesyVehicleId: ids.courtesyVehicleId }, body: { active: false } }),
  async handler({ db, scope, params, body, now }) {
    const row = await db
      .transaction()
      .execute((trx) =>
        updateCourtesyVehicle(trx, scope, { courtesyVehicleId: params.courtesyVehicleId, fields: body }, now),
      );
    return presentCourtesyVehicle(row);
  },
});
