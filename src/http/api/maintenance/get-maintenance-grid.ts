import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { dateStr, id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { getMaintenanceGrid } from '../../../engine/maintenance/grid.ts';
import { localDateTime } from '../../../domain/time/dates.ts';

const gridItem = z.object({
  code: z.string(),
  description: z.object({ en: z.string(), fr: z.string(), es: z.string() }),
  last_done_on: z.string().nullable(),
  last_done_odometer: z.number().nullable(),
  next_due_on: z.string().nullable(),
  next_due_odometer: z.number().nullable(),
  status: z.enum(['overdue', 'due_soon', 'ok', 'unknown']),
});

export const getMaintenanceGridRoute = defineRoute({
  method: 'GET',
  path: '/vehicles/:vehicleId/maintenance-grid',
  summary:
    "A vehicle's maintenance grid: each item of the schedule that applies, when last done, when due next, its status on a day",
  tag: 'Maintenance',
  auth: 'vehicles.read',
  isolation: 'tenant',
  params: z.strictObject({ vehicleId: id }),
  query: z.strictObject({ on: dateStr.optional() }),
  response: z.object({
    vehicle_id: z.number(),
    on: z.string(),
    unit: z.enum(['km', 'mi', 'h']),
    schedule_name: z.string().nullable(),
    next_due_on: z.string().nullable(),
    items: z.array(gridItem),
  }),
  example: (ids) => ({ params: { vehicleId: ids.vehicleId } }),
  async handler({ s, scope, db, params, query, now }) {
    const vehicle = await s
      .selectFrom('vehicles')
      .select(['id', 'location_id'])
      .where('id', '=', params.vehicleId)
      .executeTakeFirst();
    if (!vehicle) throw notFound(`Vehicle ${params.vehicleId}`);
    // Status is judged on the location's local date unless a day is given.
    const on = query.on ?? localDateTime(now, (await s.getLocation(vehicle.location_id)).time_zone).date;
    const grid = await getMaintenanceGrid(db, scope.orgId, vehicle.id, on);
    if (!grid) throw notFound(`Vehicle ${params.vehicleId}`);
    return {
      vehicle_id: grid.vehicleId,
      on,
      unit: grid.unit,
      schedule_name: grid.scheduleName,
      next_due_on: grid.nextDueOn,
      items: grid.items.map((i) => ({
        code: i.code,
        description: i.description,
        last_done_on: i.lastDoneOn,
        last_done_odometer: i.lastDoneOdometer,
        next_due_on: i.nextDueOn,
        next_due_odometer: i.nextDueOdometer,
        status: i.status,
      })),
    };
  },
});
