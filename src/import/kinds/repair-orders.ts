// repair-orders.csv: one row per line item, grouped by ro_number into repair orders. A repair
// order is written whole (header, lines, declined items, odometer reading) or not at all.
import { sql } from 'kysely';
import { z } from 'zod';
import { date, decimal, flag, oneOf, requiredDate, requiredText, text } from '../fields.ts';
import type { KindSpec, Outcome, ParsedRow } from '../types.ts';
import { idsByKey, upsertRows } from '../upsert.ts';
import { optionalVin } from './vehicles.ts';

export const repairOrderLineSchema = z
  .object({
    ro_number: requiredText(40),
    opened_on: requiredDate(),
    closed_on: date(),
    status: oneOf(['open', 'closed', 'void'] as const),
    customer_number: text(40),
    vin: optionalVin(),
    odometer: decimal({ integer: true, min: 0 }),
    line_kind: oneOf(['labor', 'part', 'package', 'declined'] as const).refine(
      (v) => v !== null,
      'is required',
    ),
    description: requiredText(500),
    quantity: decimal({ min: 0 }).transform((v) => v ?? 1),
    amount: decimal().transform((v) => v ?? 0),
    next_visit_on: date(),
    is_maintenance: flag(),
  })
  .transform((r, ctx) => {
    const status = r.status ?? (r.closed_on ? 'closed' : 'open');
    if (status === 'closed' && !r.closed_on)
      ctx.addIssue({ code: 'custom', path: ['closed_on'], message: 'is required when the status is closed' });
    if (status === 'open' && r.closed_on)
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'is open but closed_on is set' });
    if (r.closed_on && r.closed_on < r.opened_on)
      ctx.addIssue({
        code: 'custom',
        path: ['closed_on'],
        message: `${r.closed_on} is before opened_on ${r.opened_on}`,
      });
    return { ...r, status, line_kind: r.line_kind! };
  });

export type RepairOrderLine = z.infer<typeof repairOrderLineSchema>;

// The repair order's own fields, which every line repeats and must agree on.
const HEADER = [
  'opened_on',
  'closed_on',
  'status',
  'customer_number',
  'vin',
  'odometer',
  'next_visit_on',
] as const;

function checkUnit(rows: ParsedRow<RepairOrderLine>[]) {
  const first = rows[0]!;
  for (const row of rows.slice(1)) {
    for (const f of HEADER) {
      if (row.value[f] !== first.value[f]) {
        return {
          line: row.line,
          column: f,
          reason: `${f} "${row.value[f] ?? ''}" differs from "${first.value[f] ?? ''}" on line ${first.line} of the same repair order`,
        };
      }
    }
  }
  return null;
}

export const repairOrdersKind: KindSpec<RepairOrderLine> = {
  kind: 'repair-orders',
  noun: 'repair order',
  keyColumn: 'ro_number',
  grouped: true,
  columns: [
    { name: 'ro_number', required: true },
    { name: 'opened_on', required: true },
    { name: 'closed_on', required: false },
    { name: 'status', required: false },
    { name: 'customer_number', required: false },
    { name: 'vin', required: false },
    { name: 'odometer', required: false },
    { name: 'line_kind', required: true },
    { name: 'description', required: true },
    { name: 'quantity', required: false },
    { name: 'amount', required: false },
    { name: 'next_visit_on', required: false },
    { name: 'is_maintenance', required: false },
  ],
  schema: repairOrderLineSchema,
  key: (r) => r.ro_number,
  checkUnit,

  async write(trx, scope, units): Promise<Outcome[]> {
    const heads = units.map((u) => u.rows[0]!);
    const customers = await idsByKey(
      trx,
      'customers',
      'customer_number',
      scope,
      heads.flatMap((h) => (h.value.customer_number ? [h.value.customer_number] : [])),
    );
    const vehicles = await idsByKey(
      trx,
      'vehicles',
      'vin',
      scope,
      heads.flatMap((h) => (h.value.vin ? [h.value.vin] : [])),
    );
    const outcomes: Outcome[] = heads.map((h) => {
      const v = h.value;
      if (v.customer_number && !customers.has(v.customer_number))
        return {
          line: h.line,
          column: 'customer_number',
          reason: `unknown customer_number "${v.customer_number}": import the customers first`,
          value: v.customer_number,
        };
      if (v.vin && !vehicles.has(v.vin))
        return {
          line: h.line,
          column: 'vin',
          reason: `unknown vin "${v.vin}": import the vehicles first`,
          value: v.vin,
        };
      return 'unchanged';
    });
    const ok = units.filter((_, i) => outcomes[i] === 'unchanged');
    const okHeads = ok.map((u) => u.rows[0]!.value);
    const headerChanges = await upsertRows(trx, {
      table: 'repair_orders',
      conflict: ['org_id', 'location_id', 'ro_number'],
      keyColumn: 'ro_number',
      touchUpdatedAt: false,
      columns: [
        { name: 'org_id', type: 'bigint', values: ok.map(() => scope.orgId) },
        { name: 'location_id', type: 'bigint', values: ok.map(() => scope.locationId) },
        { name: 'ro_number', type: 'text', values: okHeads.map((h) => h.ro_number) },
        {
          name: 'customer_id',
          type: 'bigint',
          values: okHeads.map((h) => (h.customer_number ? customers.get(h.customer_number)! : null)),
        },
        {
          name: 'vehicle_id',
          type: 'bigint',
          values: okHeads.map((h) => (h.vin ? vehicles.get(h.vin)! : null)),
        },
        { name: 'opened_on', type: 'date', values: okHeads.map((h) => h.opened_on) },
        { name: 'closed_on', type: 'date', values: okHeads.map((h) => h.closed_on) },
        { name: 'status', type: 'text', values: okHeads.map((h) => h.status) },
        { name: 'odometer', type: 'integer', values: okHeads.map((h) => h.odometer) },
        {
          name: 'is_maintenance',
          type: 'boolean',
          values: ok.map((u) => u.rows.some((r) => r.value.is_maintenance)),
        },
        {
          name: 'total_amount',
          type: 'numeric',
          values: ok.map((u) =>
            u.rows
              .reduce((s, r) => s + (r.value.line_kind === 'declined' ? 0 : r.value.amount), 0)
              .toFixed(2),
          ),
        },
      ],
    });
    const ids = await idsByKey(
      trx,
      'repair_orders',
      'ro_number',
      scope,
      okHeads.map((h) => h.ro_number),
    );
    const lineChanges = await writeLines(
      trx,
      scope.orgId,
      ok.map((u) => ({ id: ids.get(u.key)!, rows: u.rows })),
    );
    await writeVisitFacts(
      trx,
      scope.orgId,
      okHeads.map((h) => ({ ...h, vehicleId: h.vin ? vehicles.get(h.vin)! : null })),
    );
    return units.map((u, i) => {
      if (outcomes[i] !== 'unchanged') return outcomes[i]!;
      const head = headerChanges.get(u.key);
      if (head) return head;
      return lineChanges.has(ids.get(u.key)!) ? 'updated' : 'unchanged';
    });
  },
};

/** Lines and declined items numbered in file order; lines no longer in the file are removed. Returns the ids of ROs whose lines changed. */
async function writeLines(
  trx: Parameters<KindSpec<RepairOrderLine>['write']>[0],
  orgId: number,
  ros: { id: number; rows: ParsedRow<RepairOrderLine>[] }[],
): Promise<Set<number>> {
  const work = {
    ro: [] as number[],
    no: [] as number[],
    kind: [] as string[],
    description: [] as string[],
    quantity: [] as number[],
    amount: [] as number[],
  };
  const declined = {
    ro: [] as number[],
    no: [] as number[],
    description: [] as string[],
    estimate: [] as number[],
  };
  for (const ro of ros) {
    ro.rows.forEach((r, i) => {
      const v = r.value;
      if (v.line_kind === 'declined') {
        declined.ro.push(ro.id);
        declined.no.push(i + 1);
        declined.description.push(v.description);
        declined.estimate.push(v.amount);
      } else {
        work.ro.push(ro.id);
        work.no.push(i + 1);
        work.kind.push(v.line_kind);
        work.description.push(v.description);
        work.quantity.push(v.quantity);
        work.amount.push(v.amount);
      }
    });
  }
  const org = (n: number) => new Array<number>(n).fill(orgId);
  const changedLines = await upsertRows(trx, {
    table: 'repair_order_lines',
    conflict: ['org_id', 'repair_order_id', 'line_no'],
    keyColumn: 'repair_order_id',
    touchUpdatedAt: false,
    columns: [
      { name: 'org_id', type: 'bigint', values: org(work.ro.length) },
      { name: 'repair_order_id', type: 'bigint', values: work.ro },
      { name: 'line_no', type: 'integer', values: work.no },
      { name: 'kind', type: 'text', values: work.kind },
      { name: 'description', type: 'text', values: work.description },
      { name: 'quantity', type: 'numeric', values: work.quantity },
      { name: 'amount', type: 'numeric', values: work.amount },
    ],
  });
  const changedDeclined = await upsertRows(trx, {
    table: 'recommendations',
    conflict: ['org_id', 'repair_order_id', 'line_no'],
    keyColumn: 'repair_order_id',
    touchUpdatedAt: false,
    columns: [
      { name: 'org_id', type: 'bigint', values: org(declined.ro.length) },
      { name: 'repair_order_id', type: 'bigint', values: declined.ro },
      { name: 'line_no', type: 'integer', values: declined.no },
      { name: 'description', type: 'text', values: declined.description },
      { name: 'estimate', type: 'numeric', values: declined.estimate },
    ],
  });
  const roIds = ros.map((r) => r.id);
  const removed = await sql<{ id: number }>`
    WITH l AS (DELETE FROM repair_order_lines WHERE org_id = ${orgId} AND repair_order_id = ANY(${roIds}::bigint[])
                 AND (repair_order_id, line_no) NOT IN (SELECT * FROM unnest(${work.ro}::bigint[], ${work.no}::int[])) RETURNING repair_order_id),
         r AS (DELETE FROM recommendations WHERE org_id = ${orgId} AND repair_order_id = ANY(${roIds}::bigint[])
                 AND (repair_order_id, line_no) NOT IN (SELECT * FROM unnest(${declined.ro}::bigint[], ${declined.no}::int[])) RETURNING repair_order_id)
    SELECT repair_order_id AS id FROM l UNION SELECT repair_order_id FROM r`.execute(trx);
  return new Set(
    [...changedLines.keys(), ...changedDeclined.keys(), ...removed.rows.map((r) => String(r.id))].map(Number),
  );
}

/**
 * What a visit says about the vehicle: an odometer reading, captured_on no later than the first
 * visit (unless a delivery date is known), and the next scheduled visit from its latest visit.
 * last_visit_on itself is kept by the repair_orders triggers (migration 0401).
 */
async function writeVisitFacts(
  trx: Parameters<KindSpec<RepairOrderLine>['write']>[0],
  orgId: number,
  heads: (RepairOrderLine & { vehicleId: number | null })[],
): Promise<void> {
  const withVehicle = heads.filter((h) => h.vehicleId !== null && h.status !== 'void');
  if (withVehicle.length === 0) return;
  const vid = withVehicle.map((h) => h.vehicleId!);
  const on = withVehicle.map((h) => h.closed_on ?? h.opened_on);
  const odometer = withVehicle.map((h) => h.odometer);
  const next = withVehicle.map((h) => h.next_visit_on);
  await sql`
    INSERT INTO odometer_readings (org_id, vehicle_id, read_on, value, source)
    SELECT ${orgId}::bigint, v, d, o, 'repair_order' FROM unnest(${vid}::bigint[], ${on}::date[], ${odometer}::int[]) AS t(v, d, o)
    WHERE o IS NOT NULL
    ON CONFLICT DO NOTHING`.execute(trx);
  await sql`
    UPDATE vehicles v SET captured_on = x.first
    FROM (SELECT vid, min(d) AS first FROM unnest(${vid}::bigint[], ${withVehicle.map((h) => h.opened_on)}::date[]) AS t(vid, d) GROUP BY vid) x
    WHERE v.org_id = ${orgId} AND v.id = x.vid AND v.delivery_date IS NULL AND v.captured_on > x.first`.execute(
    trx,
  );
  await sql`
    UPDATE vehicles v SET next_visit_on = x.next, updated_at = now()
    FROM (SELECT DISTINCT ON (vid) vid, d, next FROM unnest(${vid}::bigint[], ${on}::date[], ${next}::date[]) AS t(vid, d, next)
          WHERE next IS NOT NULL ORDER BY vid, d DESC) x
    WHERE v.org_id = ${orgId} AND v.id = x.vid AND v.next_visit_on IS DISTINCT FROM x.next
      AND (v.last_visit_on IS NULL OR x.d >= v.last_visit_on)`.execute(trx);
}
