// A calendar date as the API, the CLI and the commands take it: YYYY-MM-DD and a real day (no
// February 30). The OpenAPI document says so with `format: date`.
import { z } from 'zod';

export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'is not a real date',
  )
  .meta({ format: 'date' });
