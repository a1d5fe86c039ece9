// A vehicle's maintenance grid (portal and staff console): each item of the schedule that
// applies to it (the most specific of make/model, make, default), when it was last done, when
// it falls due next, and its status on `today`.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ScheduleItem } from '../../domain/maintenance/default-schedule.ts';
import {
  gridStatus,
  predictVehicle,
  type GridStatus,
  type UsageUnit,
  type VehicleHistory,
} from '../../domain/maintenance/predict.ts';

export interface MaintenanceGridItem {
  code: string;
  description: { en: string; fr: string; es: string };
  lastDoneOn: string | null;
  lastDoneOdometer: number | null;
  nextDueOn: string | null;
  nextDueOdometer: number | null;
  status: GridStatus;
}

export interface MaintenanceGrid {
  vehicleId: number;
  unit: UsageUnit;
  scheduleName: string | null;
  nextDueOn: string | null;
  items: MaintenanceGridItem[];
}

/** Null when the vehicle is not in this organization. */
export async function getMaintenanceGrid(
  db: Kysely<DB>,
  orgId: number,
  vehicleId: number,
  today: string,
): Promise<MaintenanceGrid | null> {
  const v = await db
    .selectFrom('vehicles')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', vehicleId)
    .executeTakeFirst();
  if (!v) return null;
  const schedules = await db
    .selectFrom('maintenance_schedules')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('location_id', '=', v.location_id)
    .execute();
  const lower = (s: string | null) => s?.toLowerCase() ?? null;
  const schedule = schedules
    .filter(
      (s) =>
        (s.make == null || lower(s.make) === lower(v.make)) &&
        (s.model == null || lower(s.model) === lower(v.model)),
    )
    .sort(
      (a, b) =>
        Number(b.model != null) - Number(a.model != null) ||
        Number(b.make != null) - Number(a.make != null) ||
        a.id - b.id,
    )[0];
  const items: ScheduleItem[] = schedule
    ? (
        await db
          .selectFrom('maintenance_schedule_items')
          .selectAll()
          .where('org_id', '=', orgId)
          .where('schedule_id', '=', schedule.id)
          .orderBy('id')
          .execute()
      ).map((i) => ({
        code: i.code,
        description: i.description as ScheduleItem['description'],
        every_km: i.every_km,
        every_hours: i.every_hours,
        every_months: i.every_months,
      }))
    : [];
  const readings = await db
    .selectFrom('odometer_readings')
    .select(['read_on as on', 'value'])
    .where('org_id', '=', orgId)
    .where('vehicle_id', '=', vehicleId)
    .execute();
  const ros = await db
    .selectFrom('repair_orders')
    .select(['id', 'closed_on', 'odometer', 'is_maintenance'])
    .where('org_id', '=', orgId)
    .where('vehicle_id', '=', vehicleId)
    .where('status', '=', 'closed')
    .where('closed_on', 'is not', null)
    .execute();
  const maintenanceIds = ros.filter((r) => r.is_maintenance).map((r) => r.id);
  const lines = maintenanceIds.length
    ? await db
        .selectFrom('repair_order_lines')
        .select(['repair_order_id', 'description'])
        .where('org_id', '=', orgId)
        .where('repair_order_id', 'in', maintenanceIds)
        .execute()
    : [];
  const history: VehicleHistory = {
    unit: v.usage_unit,
    deliveryDate: v.delivery_date,
    capturedOn: v.captured_on,
    readings: dedupeReadings([
      ...readings,
      ...ros.filter((r) => r.odometer != null).map((r) => ({ on: r.closed_on!, value: r.odometer! })),
    ]),
    maintenance: ros
      .filter((r) => r.is_maintenance)
      .map((r) => ({
        on: r.closed_on!,
        odometer: r.odometer,
        lines: lines.filter((l) => l.repair_order_id === r.id).map((l) => l.description),
      })),
  };
  const prediction = predictVehicle(items, history);
  return {
    vehicleId,
    unit: v.usage_unit,
    scheduleName: schedule?.name ?? null,
    nextDueOn: prediction.nextDueOn,
    items: prediction.items.map((p) => ({ ...p, status: gridStatus(p.nextDueOn, today) })),
  };
}

/** The same reading may be both an odometer reading and a repair order's odometer. */
function dedupeReadings(readings: Array<{ on: string; value: number }>) {
  const seen = new Set<string>();
  return readings.filter((r) => {
    const key = `${r.on}:${r.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
