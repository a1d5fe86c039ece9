// appointments.csv: one row per appointment, natural key external_ref. Times are the
// location's local wall-clock time unless they carry an offset (2026-03-02T09:00:00-05:00).
import { sql } from 'kysely';
import { z } from 'zod';
import { decimal, email, isRealDate, oneOf, requiredText, text } from '../fields.ts';
import type { KindSpec, Outcome } from '../types.ts';
import { idsByKey, upsertRows } from '../upsert.ts';
import { optionalVin } from './vehicles.ts';

const TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/;

const dateTime = (required: boolean) =>
  z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const v = (raw ?? '').trim();
      if (v === '') {
        if (required) ctx.addIssue({ code: 'custom', message: 'is required' });
        return required ? z.NEVER : null;
      }
      const m = TIME.exec(v);
      if (!m || !isRealDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) {
        ctx.addIssue({
          code: 'custom',
          message: `"${v}" is not a date and time like 2026-03-02 09:30 (local) or 2026-03-02T09:30:00-05:00`,
        });
        return z.NEVER;
      }
      return { text: v.replace(' ', 'T'), local: m[5] === undefined };
    });

export const appointmentSchema = z
  .object({
    external_ref: requiredText(60),
    customer_number: text(40),
    visitor_name: text(),
    visitor_email: email(),
    visitor_phone: text(40),
    visitor_language: oneOf(['en', 'fr', 'es'] as const),
    vin: optionalVin(),
    mechanic: text(),
    courtesy_vehicle: text(),
    starts_at: dateTime(true),
    ends_at: dateTime(false),
    duration_minutes: decimal({ integer: true, min: 5 }),
    status: oneOf(
      ['requested', 'confirmed', 'arrived', 'in_progress', 'done', 'no_show', 'cancelled'] as const,
      'confirmed',
    ),
    service_requested: text(500),
    notes: text(2000),
  })
  .transform((input, ctx) => {
    const a = { ...input, starts_at: input.starts_at! };
    if (!a.customer_number && !a.visitor_name)
      ctx.addIssue({
        code: 'custom',
        path: ['customer_number'],
        message: 'customer_number or visitor_name is required',
      });
    if (a.ends_at && a.duration_minutes !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['duration_minutes'],
        message: 'give ends_at or duration_minutes, not both',
      });
    if (a.duration_minutes !== null && a.duration_minutes > 24 * 60)
      ctx.addIssue({ code: 'custom', path: ['duration_minutes'], message: 'is longer than a day' });
    if (
      a.ends_at &&
      a.ends_at.local === a.starts_at.local &&
      a.ends_at.text.slice(0, 19) <= a.starts_at.text.slice(0, 19) &&
      a.starts_at.local
    ) {
      ctx.addIssue({ code: 'custom', path: ['ends_at'], message: 'is not after starts_at' });
    }
    return { ...a, status: a.status!, minutes: a.ends_at ? null : (a.duration_minutes ?? 60) };
  });

export type AppointmentRow = z.infer<typeof appointmentSchema>;

export const appointmentsKind: KindSpec<AppointmentRow> = {
  kind: 'appointments',
  noun: 'appointment',
  keyColumn: 'external_ref',
  columns: [
    { name: 'external_ref', required: true },
    { name: 'starts_at', required: true },
    ...[
      'customer_number',
      'visitor_name',
      'visitor_email',
      'visitor_phone',
      'visitor_language',
      'vin',
      'mechanic',
      'courtesy_vehicle',
      'ends_at',
      'duration_minutes',
      'status',
      'service_requested',
      'notes',
    ].map((name) => ({ name, required: false })),
  ],
  schema: appointmentSchema,
  key: (a) => a.external_ref,

  async write(trx, scope, units): Promise<Outcome[]> {
    const rows = units.map((u) => u.rows[0]!.value);
    const customers = await idsByKey(
      trx,
      'customers',
      'customer_number',
      scope,
      rows.flatMap((r) => (r.customer_number ? [r.customer_number] : [])),
    );
    const vehicles = await idsByKey(
      trx,
      'vehicles',
      'vin',
      scope,
      rows.flatMap((r) => (r.vin ? [r.vin] : [])),
    );
    const named = async (table: 'mechanics' | 'courtesy_vehicles', names: string[]) => {
      const map = new Map<string, number>();
      if (names.length === 0) return map;
      const found = await sql<{ id: number; key: string }>`
        SELECT id, lower(name) AS key FROM ${sql.table(table)} WHERE org_id = ${scope.orgId} AND location_id = ${scope.locationId} AND lower(name) = ANY(${names}::text[])
        ${table === 'courtesy_vehicles' ? sql`UNION ALL SELECT id, lower(plate) FROM courtesy_vehicles WHERE org_id = ${scope.orgId} AND location_id = ${scope.locationId} AND lower(plate) = ANY(${names}::text[])` : sql``}`.execute(
        trx,
      );
      for (const r of found.rows) if (!map.has(r.key)) map.set(r.key, Number(r.id));
      return map;
    };
    const mechanics = await named(
      'mechanics',
      rows.flatMap((r) => (r.mechanic ? [r.mechanic.toLowerCase()] : [])),
    );
    const cars = await named(
      'courtesy_vehicles',
      rows.flatMap((r) => (r.courtesy_vehicle ? [r.courtesy_vehicle.toLowerCase()] : [])),
    );
    const outcomes: Outcome[] = rows.map((r) => {
      if (r.customer_number && !customers.has(r.customer_number))
        return {
          column: 'customer_number',
          reason: `unknown customer_number "${r.customer_number}": import the customers first`,
          value: r.customer_number,
        };
      if (r.vin && !vehicles.has(r.vin))
        return { column: 'vin', reason: `unknown vin "${r.vin}": import the vehicles first`, value: r.vin };
      if (r.mechanic && !mechanics.has(r.mechanic.toLowerCase()))
        return {
          column: 'mechanic',
          reason: `no mechanic named "${r.mechanic}" at this location`,
          value: r.mechanic,
        };
      if (r.courtesy_vehicle && !cars.has(r.courtesy_vehicle.toLowerCase()))
        return {
          column: 'courtesy_vehicle',
          reason: `no courtesy vehicle named "${r.courtesy_vehicle}" at this location`,
          value: r.courtesy_vehicle,
        };
      return 'unchanged';
    });
    const ok = rows.filter((_, i) => outcomes[i] === 'unchanged');
    if (ok.length === 0) return outcomes;
    // Wall-clock times → instants in the location's zone, by the database (it knows the zone rules).
    const times = await sql<{ s: string; e: string }>`
      SELECT (CASE WHEN sl THEN s::timestamp AT TIME ZONE ${scope.timeZone} ELSE s::timestamptz END)::text AS s,
             (CASE WHEN e IS NULL THEN (CASE WHEN sl THEN s::timestamp AT TIME ZONE ${scope.timeZone} ELSE s::timestamptz END) + make_interval(mins => m)
                   WHEN el THEN e::timestamp AT TIME ZONE ${scope.timeZone} ELSE e::timestamptz END)::text AS e
      FROM unnest(${ok.map((r) => r.starts_at.text)}::text[], ${ok.map((r) => r.starts_at.local)}::boolean[],
                  ${ok.map((r) => r.ends_at?.text ?? null)}::text[], ${ok.map((r) => r.ends_at?.local ?? null)}::boolean[],
                  ${ok.map((r) => r.minutes)}::int[]) WITH ORDINALITY AS t(s, sl, e, el, m, n)
      ORDER BY n`.execute(trx);
    const col = <K extends keyof AppointmentRow>(name: K, type: string) => ({
      name,
      type,
      values: ok.map((v) => v[name]),
    });
    const changed = await upsertRows(trx, {
      table: 'appointments',
      conflict: ['org_id', 'location_id', 'external_ref'],
      keyColumn: 'external_ref',
      columns: [
        { name: 'org_id', type: 'bigint', values: ok.map(() => scope.orgId) },
        { name: 'location_id', type: 'bigint', values: ok.map(() => scope.locationId) },
        col('external_ref', 'text'),
        {
          name: 'customer_id',
          type: 'bigint',
          values: ok.map((r) => (r.customer_number ? customers.get(r.customer_number)! : null)),
        },
        { name: 'vehicle_id', type: 'bigint', values: ok.map((r) => (r.vin ? vehicles.get(r.vin)! : null)) },
        col('visitor_name', 'text'),
        col('visitor_email', 'text'),
        col('visitor_phone', 'text'),
        col('visitor_language', 'text'),
        {
          name: 'mechanic_id',
          type: 'bigint',
          values: ok.map((r) => (r.mechanic ? mechanics.get(r.mechanic.toLowerCase())! : null)),
        },
        {
          name: 'courtesy_vehicle_id',
          type: 'bigint',
          values: ok.map((r) => (r.courtesy_vehicle ? cars.get(r.courtesy_vehicle.toLowerCase())! : null)),
        },
        { name: 'starts_at', type: 'timestamptz', values: times.rows.map((t) => t.s) },
        { name: 'ends_at', type: 'timestamptz', values: times.rows.map((t) => t.e) },
        col('status', 'text'),
        { name: 'source', type: 'text', values: ok.map(() => 'import'), update: false },
        col('service_requested', 'text'),
        col('notes', 'text'),
      ],
    });
    return rows.map((r, i) =>
      outcomes[i] === 'unchanged' ? (changed.get(r.external_ref) ?? 'unchanged') : outcomes[i]!,
    );
  },
};
