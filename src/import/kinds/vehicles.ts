// vehicles.csv: one row per vehicle, natural key VIN; the owner by customer_number.
import { sql } from 'kysely';
import { z } from 'zod';
import { checkVin } from '../../domain/vin/check-vin.ts';
import { date, decimal, oneOf, text } from '../fields.ts';
import type { KindSpec, Outcome } from '../types.ts';
import { idsByKey, upsertRows } from '../upsert.ts';

/** A VIN of the right shape (17 characters, no I/O/Q). The check digit only warns: old VINs in real shop data often fail it. */
function vinField<R extends boolean>(required: R) {
  return z.string().optional().transform((raw, ctx): R extends true ? string : string | null => {
    const v = (raw ?? '').trim().toUpperCase().replace(/[\s-]/g, '');
    if (v === '') {
      if (!required) return null as never;
      ctx.addIssue({ code: 'custom', message: 'is required' });
      return z.NEVER;
    }
    const check = checkVin(v);
    if (!check.ok && !check.reason.startsWith('check digit')) {
      ctx.addIssue({ code: 'custom', message: check.reason });
      return z.NEVER;
    }
    return v as never;
  });
}
export const vin = () => vinField(true);
export const optionalVin = () => vinField(false);

export function vinWarnings(value: string | null): { column: string; reason: string; value?: string }[] {
  if (!value) return [];
  const check = checkVin(value);
  return check.ok ? [] : [{ column: 'vin', reason: `${check.reason} (imported anyway)`, value }];
}

export const vehicleSchema = z
  .object({
    vin: vin(),
    customer_number: text(40),
    year: decimal({ integer: true, min: 1900 }),
    make: text(60),
    model: text(60),
    submodel: text(60),
    engine: text(60),
    plate: text(20),
    plate_region: text(20),
    delivery_date: date(),
    usage_unit: oneOf(['km', 'mi', 'h'] as const, 'km'),
  })
  .superRefine((v, ctx) => {
    if (v.year !== null && v.year > new Date().getUTCFullYear() + 2) ctx.addIssue({ code: 'custom', path: ['year'], message: `${v.year} is in the future` });
  });

export type VehicleRow = z.infer<typeof vehicleSchema>;

export const vehiclesKind: KindSpec<VehicleRow> = {
  kind: 'vehicles',
  noun: 'vehicle',
  keyColumn: 'vin',
  columns: [
    { name: 'vin', required: true },
    ...['customer_number', 'year', 'make', 'model', 'submodel', 'engine', 'plate', 'plate_region', 'delivery_date', 'usage_unit'].map((name) => ({ name, required: false })),
  ],
  schema: vehicleSchema,
  key: (v) => v.vin,
  warn: (v) => vinWarnings(v.vin),

  async write(trx, scope, units): Promise<Outcome[]> {
    const rows = units.map((u) => u.rows[0]!);
    const customers = await idsByKey(trx, 'customers', 'customer_number', scope, rows.flatMap((r) => (r.value.customer_number ? [r.value.customer_number] : [])));
    const outcomes: Outcome[] = rows.map((r) =>
      r.value.customer_number && !customers.has(r.value.customer_number)
        ? { column: 'customer_number', reason: `unknown customer_number "${r.value.customer_number}": import the customers first`, value: r.value.customer_number }
        : 'unchanged',
    );
    const ok = rows.filter((_, i) => outcomes[i] === 'unchanged').map((r) => r.value);
    const col = <K extends keyof VehicleRow>(name: K, type: string) => ({ name, type, values: ok.map((v) => v[name]) });
    // captured_on decides the welcome message (V01): the delivery date when known, else the
    // first visit (set by the repair-order import), else today. Kept on re-import.
    const changed = await upsertRows(trx, {
      table: 'vehicles',
      conflict: ['org_id', 'location_id', 'vin'],
      keyColumn: 'vin',
      columns: [
        { name: 'org_id', type: 'bigint', values: ok.map(() => scope.orgId) },
        { name: 'location_id', type: 'bigint', values: ok.map(() => scope.locationId) },
        col('vin', 'text'),
        { name: 'customer_id', type: 'bigint', values: ok.map((v) => (v.customer_number ? customers.get(v.customer_number)! : null)) },
        col('year', 'smallint'),
        col('make', 'text'),
        col('model', 'text'),
        col('submodel', 'text'),
        col('engine', 'text'),
        col('plate', 'text'),
        col('plate_region', 'text'),
        col('delivery_date', 'date'),
        col('usage_unit', 'text'),
        {
          name: 'captured_on', type: 'date', values: ok.map((v) => v.delivery_date ?? scope.today),
          update: sql`coalesce(excluded.delivery_date, vehicles.captured_on)`,
        },
      ],
    });
    return rows.map((r, i) => (outcomes[i] === 'unchanged' ? (changed.get(r.value.vin) ?? 'unchanged') : outcomes[i]!));
  },
};
