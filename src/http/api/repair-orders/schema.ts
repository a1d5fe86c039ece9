import { z } from 'zod';
import type { RepairOrder } from '../../../db/schema.ts';
import { bodyId, dateStr, iso, text } from '../schemas.ts';

const money = z.number().min(-1e9).max(1e9);
export const lineIn = z.strictObject({
  line_no: z.number().int().min(1).max(10_000),
  kind: z.enum(['labor', 'part', 'package']),
  description: text(500).min(1),
  quantity: z.number().min(0).max(1e6).optional(),
  amount: money.optional(),
});
export const recommendationIn = z.strictObject({
  line_no: z.number().int().min(1).max(10_000),
  description: text(500).min(1),
  estimate: money.nullable().optional(),
  status: z.enum(['declined', 'done']).optional(),
});

const header = {
  customer_id: bodyId.nullable().optional(),
  vehicle_id: bodyId.nullable().optional(),
  opened_on: dateStr,
  closed_on: dateStr.nullable().optional(),
  status: z.enum(['open', 'closed', 'void']).optional(),
  odometer: z.number().int().min(0).max(10_000_000).nullable().optional(),
  is_maintenance: z.boolean().optional(),
  total_amount: money.optional(),
};
const uniqueLines = <T extends { line_no: number }>(items: T[] | undefined) =>
  !items || new Set(items.map((l) => l.line_no)).size === items.length;

export const createRepairOrderBody = z
  .strictObject({
    location_id: bodyId,
    ro_number: text(50).min(1),
    ...header,
    lines: z.array(lineIn).max(500).optional(),
    recommendations: z.array(recommendationIn).max(200).optional(),
  })
  .refine((b) => uniqueLines(b.lines), { message: 'two lines have the same line_no', path: ['lines'] })
  .refine((b) => uniqueLines(b.recommendations), {
    message: 'two recommendations have the same line_no',
    path: ['recommendations'],
  })
  .refine((b) => !b.closed_on || b.closed_on >= b.opened_on, {
    message: 'must not be before opened_on',
    path: ['closed_on'],
  });

export const updateRepairOrderBody = z
  .strictObject({
    ...header,
    opened_on: dateStr.optional(),
    lines: z.array(lineIn).max(500).optional(),
    recommendations: z.array(recommendationIn).max(200).optional(),
  })
  .refine((b) => uniqueLines(b.lines), { message: 'two lines have the same line_no', path: ['lines'] })
  .refine((b) => uniqueLines(b.recommendations), {
    message: 'two recommendations have the same line_no',
    path: ['recommendations'],
  });

const lineOut = z.object({
  line_no: z.number(),
  kind: z.string(),
  description: z.string(),
  quantity: z.number(),
  amount: z.number(),
});
const recommendationOut = z.object({
  line_no: z.number(),
  description: z.string(),
  estimate: z.number().nullable(),
  status: z.string(),
});
export const repairOrderOut = z.object({
  id: z.number(),
  location_id: z.number(),
  ro_number: z.string(),
  customer_id: z.number().nullable(),
  vehicle_id: z.number().nullable(),
  opened_on: z.string(),
  closed_on: z.string().nullable(),
  status: z.string(),
  odometer: z.number().nullable(),
  is_maintenance: z.boolean(),
  total_amount: z.number(),
  created_at: z.string(),
});
export const repairOrderDetail = repairOrderOut.extend({
  lines: z.array(lineOut),
  recommendations: z.array(recommendationOut),
});

export function presentRepairOrder(r: RepairOrder): z.input<typeof repairOrderOut> {
  const { org_id: _org, ...rest } = r;
  // total_amount is Generated<Num> in schema.ts, which Kysely does not unwrap: read it as a number.
  return { ...rest, total_amount: Number(r.total_amount), created_at: iso(r.created_at)! };
}

export const exampleRepairOrder = {
  ro_number: 'RO-5521',
  opened_on: '2026-03-09',
  closed_on: '2026-03-09',
  status: 'closed',
  odometer: 84250,
  is_maintenance: true,
  total_amount: 189.95,
  lines: [
    { line_no: 1, kind: 'package', description: 'Oil and filter change' },
    { line_no: 2, kind: 'part', description: 'Oil filter', quantity: 1, amount: 14.95 },
  ],
  recommendations: [{ line_no: 1, description: 'Front brake pads', estimate: 320 }],
} as const;
