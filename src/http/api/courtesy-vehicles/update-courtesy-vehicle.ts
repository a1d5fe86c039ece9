// PATCH /api/v1/courtesy-vehicles/:courtesyVehicleId: Edit a courtesy vehicle.
import { defineRoute } from '../define.ts';
import { notFound } from '../../errors.ts';
import { audit, diff } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
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
    return db.transaction().execute(async (trx) => {
      const s = scoped(trx, scope);
      const before = await s
        .selectFrom('courtesy_vehicles')
        .selectAll()
        .where('id', '=', params.courtesyVehicleId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound(`Courtesy vehicle ${params.courtesyVehicleId}`);
      // An empty body changes nothing: the record as it is, and no audit entry.
      if (Object.keys(body).length === 0) {
        const after = before;
        return presentCourtesyVehicle(after);
      }
      const after = await s
        .updateTable('courtesy_vehicles')
        .set(body)
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await audit(trx, scope, 'update', 'courtesy_vehicle', before.id, diff(before, body), now);
      return presentCourtesyVehicle(after);
    });
  },
});
