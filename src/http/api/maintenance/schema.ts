// Maintenance schedules of a location (the default one, and one per make or make/model) and
// their items: each item falls due every so many km (or miles, stored as km), engine hours or
// months, whichever comes first. The request and answer shapes of the schedule routes; the rows and
// the checks are in src/commands/maintenance/schedules.ts.
import { z } from 'zod';
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
