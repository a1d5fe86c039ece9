import { z } from 'zod';
import type { Location } from '../../../db/schema.ts';
import { iso } from '../schemas.ts';

export const locationOut = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  time_zone: z.string(),
  language: z.string(),
  email_enabled: z.boolean(),
  postcards_enabled: z.boolean(),
  created_at: z.string(),
});

export const presentLocation = (l: Location): z.input<typeof locationOut> => ({
  id: l.id,
  code: l.code,
  name: l.name,
  time_zone: l.time_zone,
  language: l.language,
  email_enabled: l.email_enabled,
  postcards_enabled: l.postcards_enabled,
  created_at: iso(l.created_at)!,
});

export const timeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'is not a known IANA time zone (e.g. America/Toronto)')
  // The document lists the zones this server knows (aliases such as US/Eastern are accepted too).
  .meta({ enum: Intl.supportedValuesOf('timeZone') });
