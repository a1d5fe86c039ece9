import { z } from 'zod';
import type { Vehicle } from '../../../db/schema.ts';
import { checkVin } from '../../../domain/vin/check-vin.ts';
import { bodyId, dateStr, iso, nullableText } from '../schemas.ts';

// The document gives the form (17 letters and digits, no I, O or Q); the check digit of a North
// American VIN is checked too, and named when wrong.
export const vin = z
  .string()
  .trim()
  .meta({ pattern: '^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$' })
  .transform((v, ctx) => {
    const check = checkVin(v);
    if (!check.ok) {
      ctx.addIssue({ code: 'custom', message: `invalid VIN: ${check.reason}` });
      return z.NEVER;
    }
    return check.vin;
  });

export const vehicleFields = {
  customer_id: bodyId.nullable().optional(),
  year: z.number().int().min(1900).max(2100).nullable().optional(),
  make: nullableText(60).optional(),
  model: nullableText(60).optional(),
  submodel: nullableText(60).optional(),
  engine: nullableText(60).optional(),
  body_style: nullableText(60).optional(),
  fuel_type: nullableText(60).optional(),
  drive_type: nullableText(60).optional(),
  plant: nullableText(60).optional(),
  plate: nullableText(20).optional(),
  plate_region: nullableText(20).optional(),
  delivery_date: dateStr.nullable().optional(),
  usage_unit: z.enum(['km', 'mi', 'h']).optional(),
  status: z.enum(['active', 'sold', 'scrapped']).optional(),
  captured_on: dateStr.optional(),
  next_visit_on: dateStr.nullable().optional(),
};

export const createVehicleBody = z.strictObject({ location_id: bodyId, vin, ...vehicleFields });
export const updateVehicleBody = z.strictObject({ vin: vin.optional(), ...vehicleFields });

export const vehicleOut = z.object({
  id: z.number(),
  location_id: z.number(),
  customer_id: z.number().nullable(),
  vin: z.string(),
  year: z.number().nullable(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  submodel: z.string().nullable(),
  engine: z.string().nullable(),
  body_style: z.string().nullable(),
  fuel_type: z.string().nullable(),
  drive_type: z.string().nullable(),
  plant: z.string().nullable(),
  plate: z.string().nullable(),
  plate_region: z.string().nullable(),
  delivery_date: z.string().nullable(),
  usage_unit: z.string(),
  status: z.string(),
  captured_on: z.string(),
  next_visit_on: z.string().nullable(),
  last_visit_on: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export function presentVehicle(v: Vehicle): z.input<typeof vehicleOut> {
  const { org_id: _org, ...rest } = v;
  return { ...rest, created_at: iso(v.created_at)!, updated_at: iso(v.updated_at)! };
}
