// POST /api/v1/courtesy-vehicles: Add a courtesy vehicle.
import { defineRoute } from '../define.ts';
import { audit } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
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
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('courtesy_vehicles')
        .values({ ...scoped(trx, scope).location(location_id), ...fields })
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, scope, 'create', 'courtesy_vehicle', row.id, fields, now);
      return presentCourtesyVehicle(row);
    });
  },
});
