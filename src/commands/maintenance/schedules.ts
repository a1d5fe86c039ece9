// Maintenance schedules of a location (the default one, and one per make or make/model) and their
// items: each falls due every so many km (miles are stored as km), engine hours or months,
// whichever comes first. The pieces the schedule commands and the schedule routes share.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scoped } from '../../tenancy/scoped.ts';
import { KM_PER_MILE } from '../../domain/maintenance/predict.ts';
import { AppError } from '../../errors/app-error.ts';

export type Described = { en: string; fr: string; es: string };

export interface ScheduleItemInput {
  code: string;
  description: Described;
  every_km?: number | null;
  every_mi?: number | null;
  every_hours?: number | null;
  every_months?: number | null;
}

export interface ScheduleRow {
  id: number;
  location_id: number;
  name: string;
  make: string | null;
  model: string | null;
}

interface ItemRow {
  schedule_id: number;
  code: string;
  description: unknown;
  every_km: number | null;
  every_hours: number | null;
  every_months: number | null;
}

export interface ScheduleView extends ScheduleRow {
  /** No make and no model: applies to every vehicle without a more specific schedule. */
  is_default: boolean;
  items: Array<{
    code: string;
    description: Described;
    every_km: number | null;
    every_mi: number | null;
    every_hours: number | null;
    every_months: number | null;
  }>;
}

/** Stored rows of an item: miles become km (the predictions convert back for vehicles counted in miles). */
export const itemRow = (it: ScheduleItemInput) => ({
  code: it.code,
  description: JSON.stringify(it.description),
  every_km: it.every_km ?? (it.every_mi != null ? Math.round(it.every_mi * KM_PER_MILE) : null),
  every_hours: it.every_hours ?? null,
  every_months: it.every_months ?? null,
});

function presentSchedule(s: ScheduleRow, rows: ItemRow[]): ScheduleView {
  return {
    id: s.id,
    location_id: s.location_id,
    name: s.name,
    make: s.make,
    model: s.model,
    is_default: s.make === null && s.model === null,
    items: rows
      .filter((r) => r.schedule_id === s.id)
      .map((r) => ({
        code: r.code,
        description: r.description as Described,
        every_km: r.every_km,
        every_mi: r.every_km === null ? null : Math.round(r.every_km / KM_PER_MILE),
        every_hours: r.every_hours,
        every_months: r.every_months,
      })),
  };
}

/** The schedules (already scoped) with their items, in one query for the items. */
export async function withItems(s: Scoped, schedules: ScheduleRow[]): Promise<ScheduleView[]> {
  if (schedules.length === 0) return [];
  const rows = await s
    .selectFromChild('maintenance_schedule_items')
    .select(['schedule_id', 'code', 'description', 'every_km', 'every_hours', 'every_months'])
    .where(
      'schedule_id',
      'in',
      schedules.map((x) => x.id),
    )
    .orderBy('schedule_id')
    .orderBy('id')
    .execute();
  return schedules.map((x) => presentSchedule(x, rows));
}

/** A model needs its make, and a location has one schedule per make/model (and one default). */
export async function checkTarget(
  trx: Kysely<DB> | Transaction<DB>,
  orgId: number,
  locationId: number,
  make: string | null,
  model: string | null,
  exceptId: number | null,
): Promise<void> {
  if (model !== null && make === null)
    throw new AppError(400, 'invalid_input', 'model: a schedule for a model needs its make', 'model');
  let q = trx
    .selectFrom('maintenance_schedules')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('location_id', '=', locationId)
    .where((eb) =>
      make === null ? eb('make', 'is', null) : eb(eb.fn('lower', ['make']), '=', make.toLowerCase()),
    )
    .where((eb) =>
      model === null ? eb('model', 'is', null) : eb(eb.fn('lower', ['model']), '=', model.toLowerCase()),
    );
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  const other = await q.executeTakeFirst();
  if (other) {
    const target =
      make === null
        ? 'the default schedule (no make, no model)'
        : `a schedule for ${make}${model ? ` ${model}` : ''}`;
    throw new AppError(
      409,
      'already_exists',
      `make: this location already has ${target}: schedule ${other.id} "${other.name}"`,
      'make',
    );
  }
}
