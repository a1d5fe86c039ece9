// A promotion (E07, docs/results.md): its input schema, shared by the API and the CLI, and how
// it is shown. It runs from valid_from to valid_until (both inclusive, empty = open) until it is
// ended; E07 offers the newest one running on the day it is decided.
import { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { calendarDate } from '../../domain/time/calendar-date.ts';

const day = calendarDate;
const text = z.string().trim().min(1).max(2000);

export const promotionFields = {
  name: z.string().trim().min(1).max(200),
  coupon_code: z.string().trim().min(1).max(50).nullable(),
  /** The offer in each language the shop writes; a customer gets theirs, else English. */
  text: z.strictObject({ en: text.optional(), fr: text.optional(), es: text.optional() }),
  valid_from: day.nullable(),
  valid_until: day.nullable(),
};

export const newPromotionInput = z
  .strictObject({
    ...promotionFields,
    coupon_code: promotionFields.coupon_code.optional(),
    valid_from: promotionFields.valid_from.optional(),
    valid_until: promotionFields.valid_until.optional(),
  })
  .superRefine(checkDates);

export const promotionChanges = z.strictObject({
  name: promotionFields.name.optional(),
  coupon_code: promotionFields.coupon_code.optional(),
  text: promotionFields.text.optional(),
  valid_from: promotionFields.valid_from.optional(),
  valid_until: promotionFields.valid_until.optional(),
});

function checkDates(p: { valid_from?: string | null; valid_until?: string | null }, ctx: z.RefinementCtx) {
  if (p.valid_from && p.valid_until && p.valid_until < p.valid_from)
    ctx.addIssue({ code: 'custom', path: ['valid_until'], message: 'must not be before valid_from' });
}

export type PromotionStatus = 'scheduled' | 'running' | 'expired' | 'ended';

export interface PromotionView {
  id: number;
  location_id: number;
  name: string;
  coupon_code: string | null;
  text: Record<string, string>;
  valid_from: string | null;
  valid_until: string | null;
  ended_on: string | null;
  /** On `today` (the location's date): scheduled, running, expired (past valid_until) or ended. */
  status: PromotionStatus;
}

type Row = Awaited<ReturnType<typeof findPromotion>> & object;

export function presentPromotion(p: Row, today: string): PromotionView {
  const status: PromotionStatus = !p.active
    ? 'ended'
    : p.valid_from && p.valid_from > today
      ? 'scheduled'
      : p.valid_until && p.valid_until < today
        ? 'expired'
        : 'running';
  return {
    id: p.id,
    location_id: p.location_id,
    name: p.name,
    coupon_code: p.coupon_code,
    text: p.description,
    valid_from: p.valid_from,
    valid_until: p.valid_until,
    ended_on: p.ended_on,
    status,
  };
}

/** A promotion of the organization at one of the locations, or undefined. */
export function findPromotion(
  db: Kysely<DB> | Transaction<DB>,
  orgId: number,
  locationIds: number[],
  id: number,
) {
  return db
    .selectFrom('promotions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('location_id', 'in', locationIds.length ? locationIds : [0])
    .where('id', '=', id)
    .executeTakeFirst();
}
