// DELETE /api/v1/courtesy-vehicles/:courtesyVehicleId: Delete a courtesy vehicle never booked (otherwise deactivate: 409).
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { notFound } from '../../errors.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
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
    await db.transaction().execute(async (trx) => {
      const row = await scoped(trx, scope)
        .deleteFrom('courtesy_vehicles')
        .where('id', '=', params.courtesyVehicleId)
        .returning(['id', 'name', 'location_id'])
        .executeTakeFirst();
      if (!row) throw notFound(`Courtesy vehicle ${params.courtesyVehicleId}`);
      await audit(trx, scope, 'delete', 'courtesy_vehicle', row.id, { name: row.name }, now, row.location_id);
    });
  },
});
