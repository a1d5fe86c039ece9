// How the campaign routes answer, and the location's date they decide with.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { localDateTime } from '../../../domain/time/dates.ts';

const message = z.object({ subject: z.string(), body: z.string() });

export const campaignOut = z.object({
  id: z.number(),
  location_id: z.number(),
  name: z.string(),
  status: z.enum(['draft', 'scheduled', 'sent', 'cancelled']),
  segment: z.object({
    vehicle_make: z.string().nullable(),
    maintenance_within_days: z.number().nullable(),
    inactive_min_months: z.number().nullable(),
    inactive_max_months: z.number().nullable(),
    language: z.string().nullable(),
  }),
  content: z.object({ en: message.optional(), fr: message.optional(), es: message.optional() }).nullable(),
  promotion_id: z.number().nullable(),
  send_on: z.string().nullable(),
  sent_at: z.string().nullable(),
  cancelled_at: z.string().nullable(),
});

export const campaignPreviewOut = z.object({
  campaign_id: z.number(),
  day: z.string(),
  decided: z.boolean(),
  total: z.number(),
  to_send: z.number(),
  held: z.number(),
  held_by_reason: z.array(z.object({ reason: z.string(), count: z.number() })),
  by_channel_language: z.array(
    z.object({ channel: z.string(), language: z.string(), status: z.string(), count: z.number() }),
  ),
  sample: z.array(
    z.object({
      customer_id: z.number(),
      name: z.string(),
      channel: z.string(),
      language: z.string(),
      status: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});

/** The campaign's location's date now (campaigns are sent on the location's days). */
export async function locationToday(db: Kysely<DB>, orgId: number, locationId: number, now: Date) {
  const l = await db
    .selectFrom('locations')
    .select('time_zone')
    .where('org_id', '=', orgId)
    .where('id', '=', locationId)
    .executeTakeFirstOrThrow();
  return localDateTime(now, l.time_zone).date;
}
