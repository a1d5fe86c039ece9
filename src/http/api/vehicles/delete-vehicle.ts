import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';

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
    await db.transaction().execute(async (trx) => {
      const row = await scoped(trx, scope)
        .deleteFrom('vehicles')
        .where('id', '=', params.vehicleId)
        .returning(['id', 'vin', 'location_id'])
        .executeTakeFirst();
      if (!row) throw notFound(`Vehicle ${params.vehicleId}`);
      await audit(trx, scope, 'delete', 'vehicle', row.id, { vin: row.vin }, now, row.location_id);
    });
  },
});
