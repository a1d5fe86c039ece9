import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { presentVehicle, vehicleOut } from './schema.ts';

export const getVehicleRoute = defineRoute({
  method: 'GET',
  path: '/vehicles/:vehicleId',
  summary: 'A vehicle',
  tag: 'Vehicles',
  auth: 'vehicles.read',
  isolation: 'tenant',
  params: z.strictObject({ vehicleId: id }),
  response: vehicleOut,
  example: (ids) => ({ params: { vehicleId: ids.vehicleId } }),
  async handler({ s, params }) {
    const row = await s
      .selectFrom('vehicles')
      .selectAll()
      .where('id', '=', params.vehicleId)
      .executeTakeFirst();
    if (!row) throw notFound(`Vehicle ${params.vehicleId}`);
    return presentVehicle(row);
  },
});
