import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { audit, diff } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { presentVehicle, updateVehicleBody, vehicleOut } from './schema.ts';

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
  async handler({ db, scope, params, body, now }) {
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const before = await s.selectFrom('vehicles').selectAll().where('id', '=', params.vehicleId).forUpdate().executeTakeFirst();
      if (!before) throw notFound(`Vehicle ${params.vehicleId}`);
      if (body.customer_id) await s.find('customers', body.customer_id, 'Customer', 'customer_id');
      const after = await s.updateTable('vehicles').set({ ...body, updated_at: now }).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
      const changes = diff(before, body);
      if (Object.keys(changes).length > 0) await audit(trx, scope, 'update', 'vehicle', before.id, changes, now);
      return presentVehicle(after);
    });
  },
});
