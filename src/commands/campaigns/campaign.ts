// A campaign (docs/results.md#campaigns): its input schema, shared by the API and the CLI, the
// checks every write makes (content safe as a template override, promotion of the same location,
// segment bounds), and how it is shown.
import { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { CampaignContent, DB } from '../../db/schema.ts';
import { LANGUAGES } from '../../domain/language.ts';
import { validateTemplate } from '../../delivery/templates/validate.ts';
import { InputError } from '../input-error.ts';
import { calendarDate } from '../../domain/time/calendar-date.ts';

const day = calendarDate;
export const campaignDay = day;

const language = z.enum(['en', 'fr', 'es']);

/** Segment filters; absent or null = no filter. All given filters must hold. */
export const segmentInput = z.strictObject({
  vehicle_make: z.string().trim().min(1).max(60).nullable().optional(),
  maintenance_within_days: z.number().int().min(0).max(366).nullable().optional(),
  inactive_min_months: z.number().int().min(0).max(240).nullable().optional(),
  inactive_max_months: z.number().int().min(1).max(240).nullable().optional(),
  language: language.nullable().optional(),
});

const message = z.strictObject({
  subject: z.string().trim().min(1).max(300),
  body: z.string().min(1).max(20_000),
});

export const campaignFields = {
  name: z.string().trim().min(1).max(200),
  segment: segmentInput,
  /** The campaign's own message, per language (a template: merge fields, checked as overrides are). */
  content: z
    .strictObject({ en: message.optional(), fr: message.optional(), es: message.optional() })
    .nullable(),
  /** Or a promotion of the location, sent with the shipped CAMPAIGN template. */
  promotion_id: z.number().int().positive().nullable(),
};

export const newCampaignInput = z.strictObject({
  name: campaignFields.name,
  segment: campaignFields.segment.optional(),
  content: campaignFields.content.optional(),
  promotion_id: campaignFields.promotion_id.optional(),
});

export const campaignChanges = z.strictObject({
  name: campaignFields.name.optional(),
  segment: campaignFields.segment.optional(),
  content: campaignFields.content.optional(),
  promotion_id: campaignFields.promotion_id.optional(),
});

export type SegmentInput = z.output<typeof segmentInput>;

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

/** A campaign of the organization at one of the locations, or undefined. */
export function findCampaign(
  db: Kysely<DB> | Transaction<DB>,
  orgId: number,
  locationIds: number[],
  id: number,
) {
  return db
    .selectFrom('campaigns')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('location_id', 'in', locationIds.length ? locationIds : [0])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The columns of a segment; filters not given are cleared. */
export function segmentColumns(s: SegmentInput) {
  return {
    vehicle_make: s.vehicle_make ?? null,
    maintenance_within_days: s.maintenance_within_days ?? null,
    inactive_min_months: s.inactive_min_months ?? null,
    inactive_max_months: s.inactive_max_months ?? null,
    language: s.language ?? null,
  };
}

/**
 * Refuses what the run could not send: no message at all, an empty content, a template staff
 * wrote that names an unknown field or carries unsafe markup (validateTemplate, as for
 * overrides), a promotion of another location, reversed inactivity months.
 */
export async function checkCampaign(
  trx: Transaction<DB>,
  orgId: number,
  locationId: number,
  c: { content: CampaignContent | null; promotion_id: number | null; segment: SegmentInput },
): Promise<void> {
  const { inactive_min_months: min, inactive_max_months: max } = c.segment;
  if (min != null && max != null && max <= min)
    throw new InputError('segment.inactive_max_months', 'must be more than inactive_min_months');
  if (c.content) {
    const languages = LANGUAGES.filter((l) => c.content?.[l]);
    if (languages.length === 0) throw new InputError('content', 'write the message in at least one language');
    for (const l of languages) {
      const m = c.content[l]!;
      for (const channel of ['email', 'postcard'] as const) {
        const check = validateTemplate({ kind: 'CAMPAIGN', channel, subject: m.subject, body: m.body });
        if (!check.ok) throw new InputError(`content.${l}.${check.field}`, check.message);
      }
    }
  } else if (c.promotion_id == null) {
    throw new InputError('content', 'write the message, or choose a promotion to send');
  }
  if (c.promotion_id != null) {
    const p = await trx
      .selectFrom('promotions')
      .select('id')
      .where('org_id', '=', orgId)
      .where('location_id', '=', locationId)
      .where('id', '=', c.promotion_id)
      .executeTakeFirst();
    if (!p) throw new InputError('promotion_id', `no promotion ${c.promotion_id} at this location`);
  }
}

export type CampaignStatus = 'draft' | 'scheduled' | 'sent' | 'cancelled';

export interface CampaignView {
  id: number;
  location_id: number;
  name: string;
  status: CampaignStatus;
  segment: {
    vehicle_make: string | null;
    maintenance_within_days: number | null;
    inactive_min_months: number | null;
    inactive_max_months: number | null;
    language: string | null;
  };
  content: CampaignContent | null;
  promotion_id: number | null;
  send_on: string | null;
  sent_at: string | null;
  cancelled_at: string | null;
}

export function presentCampaign(c: CampaignRow): CampaignView {
  return {
    id: c.id,
    location_id: c.location_id,
    name: c.name,
    status: c.status,
    segment: {
      vehicle_make: c.vehicle_make,
      maintenance_within_days: c.maintenance_within_days,
      inactive_min_months: c.inactive_min_months,
      inactive_max_months: c.inactive_max_months,
      language: c.language,
    },
    content: c.content,
    promotion_id: c.promotion_id,
    send_on: c.send_on,
    sent_at: c.sent_at ? new Date(c.sent_at).toISOString() : null,
    cancelled_at: c.cancelled_at ? new Date(c.cancelled_at).toISOString() : null,
  };
}

/** A campaign that has been sent or cancelled is kept as it was. */
export function assertOpen(c: CampaignRow): void {
  if (c.status === 'sent') throw new InputError('id', 'the campaign has been sent and can no longer change');
  if (c.status === 'cancelled') throw new InputError('id', 'the campaign was cancelled');
}
