// Courtesy vehicles lent during a visit: list, add, edit, delete. Small enough for one file.
import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, listQuery, page, qBool } from '../schemas.ts';
import { decodeCursor, pageOf } from '../pagination.ts';
import { notFound } from '../../errors.ts';
import { audit, diff } from '../../../accounts/audit.ts';
import { scoped } from '../../../tenancy/scoped.ts';
import { courtesyVehicleOut, createCourtesyVehicleBody, presentCourtesyVehicle, updateCourtesyVehicleBody } from './schema.ts';

const params = z.strictObject({ courtesyVehicleId: id });

export const listCourtesyVehiclesRoute = defineRoute({
  method: 'GET',
  path: '/courtesy-vehicles',
  summary: 'List courtesy vehicles',
  tag: 'Courtesy vehicles',
  auth: 'courtesy_vehicles.read',
  isolation: 'tenant',
  query: z.strictObject({ ...listQuery, location_id: id.optional(), active: qBool.optional() }),
  response: page(courtesyVehicleOut),
  example: (ids) => ({ query: { location_id: ids.locationId } }),
  async handler({ s, query }) {
    let q = s.selectFrom('courtesy_vehicles').selectAll().where('id', '>', decodeCursor(query.cursor)).orderBy('id').limit(query.limit + 1);
    if (query.location_id) q = q.where('location_id', '=', s.location(query.location_id).location_id);
    if (query.active !== undefined) q = q.where('active', '=', query.active);
    return pageOf(await q.execute(), query.limit, presentCourtesyVehicle);
  },
});

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
      const row = await trx.insertInto('courtesy_vehicles').values({ ...scoped(trx, scope).location(location_id), ...fields }).returningAll().executeTakeFirstOrThrow();
      await audit(trx, scope, 'create', 'courtesy_vehicle', row.id, fields, now);
      return presentCourtesyVehicle(row);
    });
  },
});

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
      const before = await s.selectFrom('courtesy_vehicles').selectAll().where('id', '=', params.courtesyVehicleId).forUpdate().executeTakeFirst();
      if (!before) throw notFound(`Courtesy vehicle ${params.courtesyVehicleId}`);
      const after = await s.updateTable('courtesy_vehicles').set(body).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
      await audit(trx, scope, 'update', 'courtesy_vehicle', before.id, diff(before, body), now);
      return presentCourtesyVehicle(after);
    });
  },
});

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
      const row = await scoped(trx, scope).deleteFrom('courtesy_vehicles').where('id', '=', params.courtesyVehicleId).returning(['id', 'name']).executeTakeFirst();
      if (!row) throw notFound(`Courtesy vehicle ${params.courtesyVehicleId}`);
      await audit(trx, scope, 'delete', 'courtesy_vehicle', row.id, { name: row.name }, now);
    });
  },
});
