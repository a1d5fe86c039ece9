// Building blocks of request and response schemas shared by the resources.
import { z } from 'zod';
import { sortValues, type SortColumns } from '../../db/keyset-sort.ts';
import { LANGUAGES } from '../../domain/language.ts';
import { calendarDate } from '../../domain/time/calendar-date.ts';
import { isKindCode, KIND_CODES } from '../../domain/messages/kinds.ts';
import { E164 } from '../../domain/sms/mobile-number.ts';

export const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const bodyId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const dateStr = calendarDate;
/** A message kind code (the document lists them). */
export const messageKind = z
  .string()
  .max(20)
  .refine(isKindCode, 'is not a message kind')
  .meta({ enum: [...KIND_CODES] });
export const instant = z.iso.datetime({ offset: true });
export const language = z.enum(LANGUAGES);
export const channel = z.enum(['email', 'postcard']);
export const qBool = z.enum(['true', 'false']).transform((v) => v === 'true');
export const text = (max = 200) => z.string().trim().max(max);
export const nullableText = (max = 200) => z.string().trim().max(max).nullable();
/** A phone number in E.164 (+15145550123): texts go to it as written. */
export const e164 = z.string().trim().regex(E164, 'must be an E.164 number like +15145550123');

export const listQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z
    .string()
    .max(64)
    .optional()
    .meta({ description: 'Opaque: the next_cursor of the previous page, as the API returned it' }),
};

/** A list sorted on the server: `sort` (a whitelisted column, `-` for descending) and a longer cursor. */
export const sortedListQuery = (columns: SortColumns) => ({
  limit: listQuery.limit,
  cursor: z.string().max(1000).optional().meta({
    description: 'Opaque: the next_cursor of the previous page, as the API returned it (same sort)',
  }),
  sort: z.enum(sortValues(columns)).optional().meta({
    description:
      'Sort column, ascending; prefixed with - for descending. Ties are broken by id in the same direction; the cursor belongs to its sort.',
  }),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });

export const ok = z.object({ ok: z.literal(true) });
export const noContent = z.undefined();

/** ISO string of a timestamp column (pg gives Date objects). */
export const iso = (d: Date | string | null): string | null =>
  d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString();
