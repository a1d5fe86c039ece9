// Maintenance schedules of a location (the default one, and one per make or make/model) and
// their items: each item falls due every so many km (or miles, stored as km), engine hours or
// months, whichever comes first. Shared by the schedule routes of this folder.
import { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Scoped } from '../../../tenancy/scoped.ts';
import { KM_PER_MILE } from '../../../domain/maintenance/predict.ts';
import { HttpError } from '../../errors.ts';
import { text } from '../schemas.ts';

const every = (max: number) => z.number().int().min(1).max(max).nullable().optional();
/** Empty text means "any" (null), like a missing make. */
const makeModel = z
  .string()
  .trim()
  .max(60)
  .nullable()
  .transform((v) => (v === '' ? null : v));

export const itemIn = z
  .strictObject({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .min(1)
      .max(40)
      .regex(/^[A-Z0-9_]+$/, 'must be letters, digits and _ (e.g. OIL, CABIN_FILTER)'),
    description: z.strictObject({ en: text(200).min(1), fr: text(200).min(1), es: text(200).min(1) }),
    every_km: every(1_000_000),
    every_mi: every(1_000_000),
    every_hours: every(100_000),
    every_months: every(240),
  })
  .superRefine((it, ctx) => {
    if (it.every_km != null && it.every_mi != null)
      ctx.addIssue({ code: 'custom', path: ['every_mi'], message: 'give every_km or every_mi, not both' });
    if (it.every_km == null && it.every_mi == null && it.every_hours == null && it.every_months == null) {
      ctx.addIssue({
        code: 'custom',
        path: ['every_months'],
        message: 'an item needs at least one of every_km, every_mi, every_hours, every_months',
      });
    }
  });

const items = z
  .array(itemIn)
  .min(1)
  .max(100)
  .superRefine((list, ctx) => {
    const seen = new Map<string, number>();
    list.forEach((it, i) => {
      const first = seen.get(it.code);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'code'],
          message: `duplicate code ${it.code} (also item ${first})`,
        });
      else seen.set(it.code, i);
    });
  });

export const createScheduleBody = z.strictObject({
  name: text(200).min(1),
  make: makeModel.optional(),
  model: makeModel.optional(),
  items,
});
export const updateScheduleBody = z.strictObject({
  name: text(200).min(1).optional(),
  make: makeModel.optional(),
  model: makeModel.optional(),
  items: items.optional(),
});
export type ItemIn = z.output<typeof itemIn>;

const itemOut = z.object({
  code: z.string(),
  description: z.object({ en: z.string(), fr: z.string(), es: z.string() }),
  every_km: z.number().nullable(),
  every_mi: z.number().nullable(),
  every_hours: z.number().nullable(),
  every_months: z.number().nullable(),
});
export const scheduleOut = z.object({
  id: z.number(),
  location_id: z.number(),
  name: z.string(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  /** No make and no model: applies to every vehicle without a more specific schedule. */
  is_default: z.boolean(),
  items: z.array(itemOut),
});
export type ScheduleOut = z.output<typeof scheduleOut>;

type ScheduleRow = {
  id: number;
  location_id: number;
  name: string;
  make: string | null;
  model: string | null;
};
type ItemRow = {
  schedule_id: number;
  code: string;
  description: unknown;
  every_km: number | null;
  every_hours: number | null;
  every_months: number | null;
};

/** Stored rows of an item: miles become km (the predictions convert back for vehicles counted in miles). */
export const itemRow = (it: ItemIn) => ({
  code: it.code,
  description: JSON.stringify(it.description),
  every_km: it.every_km ?? (it.every_mi != null ? Math.round(it.every_mi * KM_PER_MILE) : null),
  every_hours: it.every_hours ?? null,
  every_months: it.every_months ?? null,
});

export function presentSchedule(s: ScheduleRow, rows: ItemRow[]): ScheduleOut {
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
        description: r.description as { en: string; fr: string; es: string },
        every_km: r.every_km,
        every_mi: r.every_km === null ? null : Math.round(r.every_km / KM_PER_MILE),
        every_hours: r.every_hours,
        every_months: r.every_months,
      })),
  };
}

/** The schedules (already scoped) with their items, in one query for the items. */
export async function withItems(s: Scoped, schedules: ScheduleRow[]): Promise<ScheduleOut[]> {
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

/** A model needs a make; a location has one schedule per make/model (case-insensitive). */
export async function checkTarget(
  trx: Kysely<DB> | Transaction<DB>,
  orgId: number,
  locationId: number,
  make: string | null,
  model: string | null,
  exceptId: number | null,
): Promise<void> {
  if (model !== null && make === null)
    throw new HttpError(400, 'invalid_input', 'model: a schedule for a model needs its make', 'model');
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
    throw new HttpError(
      409,
      'already_exists',
      `make: this location already has ${target}: schedule ${other.id} "${other.name}"`,
      'make',
    );
  }
}
