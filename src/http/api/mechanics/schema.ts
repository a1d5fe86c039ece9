import { z } from 'zod';
import { bodyId, text } from '../schemas.ts';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be a time HH:MM');
export const hoursBlock = z
  .strictObject({ weekday: z.number().int().min(0).max(6), starts_at: time, ends_at: time })
  .refine((h) => h.ends_at > h.starts_at, { message: 'must be after starts_at', path: ['ends_at'] });

export const mechanicOut = z.object({
  id: z.number(),
  location_id: z.number(),
  name: z.string(),
  skills: z.array(z.string()),
  user_id: z.number().nullable(),
  active: z.boolean(),
  hours: z.array(z.object({ weekday: z.number(), starts_at: z.string(), ends_at: z.string() })),
});

export const mechanicFields = {
  name: text(100).min(1),
  skills: z.array(text(50).min(1)).max(50).optional(),
  user_id: bodyId.nullable().optional(),
  active: z.boolean().optional(),
};
export const createMechanicBody = z.strictObject({
  location_id: bodyId,
  ...mechanicFields,
  hours: z.array(hoursBlock).max(50).optional(),
});
export const updateMechanicBody = z.strictObject(mechanicFields).partial();

export const hhmm = (t: string) => t.slice(0, 5);
export const presentHours = (rows: Array<{ weekday: number; starts_at: string; ends_at: string }>) =>
  rows
    .map((h) => ({ weekday: h.weekday, starts_at: hhmm(h.starts_at), ends_at: hhmm(h.ends_at) }))
    .sort((a, b) => a.weekday - b.weekday || a.starts_at.localeCompare(b.starts_at));

export const exampleHours = [1, 2, 3, 4, 5].map((weekday) => ({
  weekday,
  starts_at: '08:00',
  ends_at: '17:00',
}));
