import { z } from 'zod';
import { sql } from 'kysely';
import { isoInstant } from '../../../db/iso-instant.ts';
import type { Appointment } from '../../../db/schema.ts';
import { bodyId, instant, iso, language, nullableText } from '../schemas.ts';

export const STATUSES = [
  'requested',
  'confirmed',
  'arrived',
  'in_progress',
  'done',
  'no_show',
  'cancelled',
] as const;

const bookingFields = {
  customer_id: bodyId.nullable().optional(),
  vehicle_id: bodyId.nullable().optional(),
  visitor_name: nullableText(200).optional(),
  visitor_email: z.email().max(320).nullable().optional(),
  visitor_phone: nullableText(40).optional(),
  visitor_language: language.nullable().optional(),
  mechanic_id: bodyId.nullable().optional(),
  courtesy_vehicle_id: bodyId.nullable().optional(),
  starts_at: instant,
  ends_at: instant,
  service_requested: nullableText(500).optional(),
  /** The skill the work needs; the mechanic must have it. */
  required_skill: nullableText(50).optional(),
  notes: nullableText(2000).optional(),
};

export const createAppointmentBody = z
  .strictObject({
    location_id: bodyId,
    external_ref: nullableText(100).optional(),
    status: z.enum(['requested', 'confirmed']).default('confirmed'),
    ...bookingFields,
  })
  .refine((b) => b.customer_id || b.visitor_name, {
    message: 'give customer_id, or visitor_name for a visitor not yet in the file',
    path: ['customer_id'],
  })
  .refine((b) => Date.parse(b.ends_at) > Date.parse(b.starts_at), {
    message: 'must be after starts_at',
    path: ['ends_at'],
  });

export const updateAppointmentBody = z
  .strictObject({ ...bookingFields, starts_at: instant.optional(), ends_at: instant.optional() })
  .refine((b) => !b.starts_at === !b.ends_at, {
    message: 'move an appointment by giving both starts_at and ends_at',
    path: ['ends_at'],
  })
  .refine((b) => !b.starts_at || !b.ends_at || Date.parse(b.ends_at) > Date.parse(b.starts_at), {
    message: 'must be after starts_at',
    path: ['ends_at'],
  });

export const appointmentOut = z.object({
  id: z.number(),
  location_id: z.number(),
  external_ref: z.string().nullable(),
  customer_id: z.number().nullable(),
  vehicle_id: z.number().nullable(),
  visitor_name: z.string().nullable(),
  visitor_email: z.string().nullable(),
  visitor_phone: z.string().nullable(),
  visitor_language: z.string().nullable(),
  mechanic_id: z.number().nullable(),
  courtesy_vehicle_id: z.number().nullable(),
  starts_at: z.string(),
  ends_at: z.string(),
  status: z.enum(STATUSES),
  source: z.string(),
  service_requested: z.string().nullable(),
  required_skill: z.string().nullable(),
  notes: z.string().nullable(),
  confirmed_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

const STAMPS = new Set(['starts_at', 'ends_at', 'confirmed_at', 'created_at', 'updated_at']);

/**
 * The select list of an appointment as the API writes it, from the table (or subquery) `alias`:
 * the documented fields only, timestamps formatted by PostgreSQL (db/iso-instant.ts), so a list's
 * rows go out as they come. Single appointments use presentAppointment; a test holds both equal.
 */
export const appointmentOutColumns = (alias: string) =>
  Object.keys(appointmentOut.shape).map((c) =>
    STAMPS.has(c) ? isoInstant(`${alias}.${c}`).as(c) : sql.ref(`${alias}.${c}`).as(c),
  );

export function presentAppointment(a: Appointment): z.input<typeof appointmentOut> {
  const { org_id: _org, ...rest } = a;
  return {
    ...rest,
    starts_at: iso(a.starts_at)!,
    ends_at: iso(a.ends_at)!,
    confirmed_at: iso(a.confirmed_at),
    created_at: iso(a.created_at)!,
    updated_at: iso(a.updated_at)!,
  };
}
