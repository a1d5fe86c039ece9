// vehicles.csv: one row per vehicle, natural key VIN; the owner by customer_number.
import { sql } from 'kysely';
import { z } from 'zod';
import { checkVin } from '../../domain/vin/check-vin.ts';
import { date, decimal, oneOf, text } from '../fields.ts';
import type { ImportScope, KindSpec, Outcome, ParsedRow, Warn } from '../types.ts';
import { vehicleCardFields, vehicleDecoder } from '../../vpic/decode-vehicle.ts';
import { idsByKey, upsertRows } from '../upsert.ts';

/** A VIN under the one VIN rule of domain/vin (check digit required in North America only), as the API checks it. */
function vinField<R extends boolean>(required: R) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): R extends true ? string : string | null => {
      const v = (raw ?? '').trim().toUpperCase().replace(/[\s-]/g, '');
      if (v === '') {
        if (!required) return null as never;
        ctx.addIssue({ code: 'custom', message: 'is required' });
        return z.NEVER;
      }
      const check = checkVin(v);
      if (!check.ok) {
        ctx.addIssue({ code: 'custom', message: check.reason });
        return z.NEVER;
      }
      return check.vin as never;
    });
}
export const vin = () => vinField(true);
export const optionalVin = () => vinField(false);

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
    if (v.year !== null && v.year > new Date().getUTCFullYear() + 2)
      ctx.addIssue({ code: 'custom', path: ['year'], message: `${v.year} is in the future` });
  });

export type VehicleRow = z.infer<typeof vehicleSchema>;

export const vehiclesKind: KindSpec<VehicleRow> = {
  kind: 'vehicles',
  noun: 'vehicle',
  keyColumn: 'vin',
  columns: [
    { name: 'vin', required: true },
    ...[
      'customer_number',
      'year',
      'make',
      'model',
      'submodel',
      'engine',
      'plate',
      'plate_region',
      'delivery_date',
      'usage_unit',
    ].map((name) => ({ name, required: false })),
  ],
  schema: vehicleSchema,
  key: (v) => v.vin,

  async write(trx, scope, units, warn): Promise<Outcome[]> {
    const rows = units.map((u) => u.rows[0]!);
    const customers = await idsByKey(
      trx,
      'customers',
      'customer_number',
      scope,
      rows.flatMap((r) => (r.value.customer_number ? [r.value.customer_number] : [])),
    );
    const outcomes: Outcome[] = rows.map((r) =>
      r.value.customer_number && !customers.has(r.value.customer_number)
        ? {
            column: 'customer_number',
            reason: `unknown customer_number "${r.value.customer_number}": import the customers first`,
            value: r.value.customer_number,
          }
        : 'unchanged',
    );
    const okRows = rows.flatMap((r, i) => (outcomes[i] === 'unchanged' ? [i] : []));
    const decoded = await fillFromVins(
      scope,
      okRows.map((i) => rows[i]!),
      warn,
    );
    const ok = decoded.map((d) => d.value);
    const fromVin = (name: 'body_style' | 'fuel_type' | 'drive_type' | 'plant') => ({
      name,
      type: 'text',
      values: decoded.map((d) => d.extra[name]),
    });
    const col = <K extends keyof VehicleRow>(name: K, type: string) => ({
      name,
      type,
      values: ok.map((v) => v[name]),
    });
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
        {
          name: 'customer_id',
          type: 'bigint',
          values: ok.map((v) => (v.customer_number ? customers.get(v.customer_number)! : null)),
        },
        col('year', 'smallint'),
        col('make', 'text'),
        col('model', 'text'),
        col('submodel', 'text'),
        col('engine', 'text'),
        col('plate', 'text'),
        col('plate_region', 'text'),
        col('delivery_date', 'date'),
        col('usage_unit', 'text'),
        fromVin('body_style'),
        fromVin('fuel_type'),
        fromVin('drive_type'),
        fromVin('plant'),
        {
          name: 'captured_on',
          type: 'date',
          values: ok.map((v) => v.delivery_date ?? scope.today),
          update: sql`coalesce(excluded.delivery_date, vehicles.captured_on)`,
        },
      ],
    });
    return rows.map((r, i) =>
      outcomes[i] === 'unchanged' ? (changed.get(r.value.vin) ?? 'unchanged') : outcomes[i]!,
    );
  },
};

type DecodedOnly = {
  body_style: string | null;
  fuel_type: string | null;
  drive_type: string | null;
  plant: string | null;
};
const NOTHING: DecodedOnly = { body_style: null, fuel_type: null, drive_type: null, plant: null };

/**
 * Missing make, model and year are filled from the VIN (NHTSA vPIC, offline), each as a 'filled'
 * line of the report; body, fuel, drive and plant (no import columns) come from the VIN alone.
 */
async function fillFromVins(
  scope: ImportScope,
  rows: ParsedRow<VehicleRow>[],
  warn: Warn,
): Promise<{ value: VehicleRow; extra: DecodedOnly }[]> {
  if (scope.decodeVins === false) return rows.map((r) => ({ value: r.value, extra: NOTHING }));
  const decoded = await (await vehicleDecoder()).decodeMany(rows.map((r) => r.value.vin));
  const out: { value: VehicleRow; extra: DecodedOnly }[] = [];
  for (const [i, row] of rows.entries()) {
    const card = vehicleCardFields(decoded[i]!);
    const value = { ...row.value };
    for (const name of ['make', 'model', 'year'] as const) {
      if (value[name] !== null || card[name] === null) continue;
      (value as Record<string, unknown>)[name] = card[name];
      warn({
        line: row.line,
        severity: 'filled',
        column: name,
        reason: 'filled from the VIN',
        value: String(card[name]),
      });
    }
    const { body_style, fuel_type, drive_type, plant } = card;
    out.push({ value, extra: { body_style, fuel_type, drive_type, plant } });
  }
  return out;
}
