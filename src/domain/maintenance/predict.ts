// Predicting when each maintenance item of a vehicle falls due, "whichever comes first" of
// distance (km, miles or engine hours) and time, from the vehicle's odometer history.
// Pure functions; src/engine/maintenance/refresh-sql.ts does the same set-based in SQL for the
// daily run (a test checks that both agree).
import type { ScheduleItem } from './default-schedule.ts';
import { addDays, addMonths, daysBetween } from '../time/dates.ts';

export type UsageUnit = 'km' | 'mi' | 'h';

/** Daily use assumed when the history cannot tell (one reading, or readings that never grow). */
export const DEFAULT_DAILY_USE: Record<UsageUnit, number> = { km: 40, mi: 25, h: 1.5 };
/** Items falling due within this many days after the first one are recalled together. */
export const GROUP_WINDOW_DAYS = 30;
export const KM_PER_MILE = 1.609344;

export interface Reading {
  on: string;
  value: number;
}

export interface MaintenanceVisit {
  on: string;
  odometer: number | null;
  /** Descriptions of the visit's lines; an empty list means "a maintenance visit, all items done". */
  lines: string[];
}

export interface VehicleHistory {
  unit: UsageUnit;
  deliveryDate: string | null;
  capturedOn: string;
  readings: Reading[];
  maintenance: MaintenanceVisit[];
}

export interface ItemPrediction {
  code: string;
  description: ScheduleItem['description'];
  lastDoneOn: string | null;
  lastDoneOdometer: number | null;
  nextDueOn: string | null;
  nextDueOdometer: number | null;
}

/** The item's distance limit in the vehicle's unit (schedules are written in km and hours). */
export function itemLimit(
  item: Pick<ScheduleItem, 'every_km' | 'every_hours'>,
  unit: UsageUnit,
): number | null {
  if (unit === 'h') return item.every_hours;
  if (item.every_km == null) return null;
  return unit === 'mi' ? Math.round(item.every_km / KM_PER_MILE) : item.every_km;
}

/** Average daily use over the readings (first to last), or the unit's default. */
export function dailyUse(readings: Reading[], unit: UsageUnit): number {
  if (readings.length < 2) return DEFAULT_DAILY_USE[unit];
  const sorted = sortReadings(readings);
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  const days = daysBetween(first.on, last.on);
  if (days <= 0 || last.value <= first.value) return DEFAULT_DAILY_USE[unit];
  return (last.value - first.value) / days;
}

function sortReadings(readings: Reading[]): Reading[] {
  return [...readings].sort((a, b) => (a.on === b.on ? a.value - b.value : a.on < b.on ? -1 : 1));
}

/** Does a maintenance visit cover the item: its lines mention the code or the description. */
export function visitCovers(visit: MaintenanceVisit, item: ScheduleItem): boolean {
  if (visit.lines.length === 0) return true;
  const text = visit.lines.join(' | ').toLowerCase();
  const needles = [item.code, item.description.en, item.description.fr, item.description.es].map((s) =>
    s.toLowerCase(),
  );
  return needles.some((n) => n !== '' && text.includes(n));
}

export function predictItem(item: ScheduleItem, h: VehicleHistory): ItemPrediction {
  const readings = sortReadings(h.readings);
  const rate = dailyUse(readings, h.unit);
  const first = readings[0];
  const last = readings[readings.length - 1];
  const done = h.maintenance.filter((m) => visitCovers(m, item)).sort((a, b) => (a.on < b.on ? 1 : -1))[0];
  let baseOn: string;
  let baseOdo: number;
  if (done) {
    baseOn = done.on;
    baseOdo =
      done.odometer ??
      (last ? Math.max(0, Math.round(last.value + rate * daysBetween(last.on, done.on))) : 0);
  } else {
    baseOn = h.deliveryDate ?? first?.on ?? h.capturedOn;
    baseOdo = h.deliveryDate != null ? 0 : (first?.value ?? 0);
  }
  const limit = itemLimit(item, h.unit);
  const byTime = item.every_months != null ? addMonths(baseOn, item.every_months) : null;
  let byDistance: string | null = null;
  let dueOdo: number | null = null;
  if (limit != null) {
    dueOdo = baseOdo + limit;
    const ref = last && last.on >= baseOn ? last : { on: baseOn, value: baseOdo };
    byDistance = addDays(ref.on, Math.ceil((dueOdo - ref.value) / rate));
  }
  const nextDueOn =
    byTime && byDistance ? (byTime < byDistance ? byTime : byDistance) : (byTime ?? byDistance);
  return {
    code: item.code,
    description: item.description,
    lastDoneOn: done?.on ?? null,
    lastDoneOdometer: done ? baseOdo : null,
    nextDueOn,
    nextDueOdometer: dueOdo,
  };
}

export interface VehiclePrediction {
  nextDueOn: string | null;
  items: ItemPrediction[];
  /** The items recalled together at nextDueOn (due within GROUP_WINDOW_DAYS of it). */
  dueItems: ItemPrediction[];
}

export function predictVehicle(schedule: readonly ScheduleItem[], h: VehicleHistory): VehiclePrediction {
  const items = schedule.map((item) => predictItem(item, h));
  const dates = items
    .map((i) => i.nextDueOn)
    .filter((d): d is string => d != null)
    .sort();
  const nextDueOn = dates[0] ?? null;
  const until = nextDueOn ? addDays(nextDueOn, GROUP_WINDOW_DAYS) : null;
  const dueItems = until
    ? items
        .filter((i) => i.nextDueOn != null && i.nextDueOn <= until)
        .sort((a, b) =>
          a.nextDueOn! < b.nextDueOn! ? -1 : a.nextDueOn! > b.nextDueOn! ? 1 : a.code.localeCompare(b.code),
        )
    : [];
  return { nextDueOn, items, dueItems };
}

export type GridStatus = 'overdue' | 'due_soon' | 'ok' | 'unknown';

export function gridStatus(nextDueOn: string | null, today: string): GridStatus {
  if (!nextDueOn) return 'unknown';
  if (nextDueOn < today) return 'overdue';
  if (nextDueOn <= addDays(today, GROUP_WINDOW_DAYS)) return 'due_soon';
  return 'ok';
}
