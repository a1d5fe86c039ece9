// Québec Law 25 / PIPEDA access request: everything Relance holds about one customer, as JSON
// (one array per table) and as one CSV (table, row, field, value: every value, any table).
// Audited, since an export is personal data leaving the service.
import type { Transaction } from 'kysely';
import { audit } from '../accounts/audit.ts';
import type { DB } from '../db/schema.ts';
import { execSql } from '../engine/sql/exec.ts';
import { csvLine } from '../domain/csv.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { CommandError } from './command-error.ts';

export type CustomerExport = Record<string, Array<Record<string, unknown>>>;

/** The tables holding a customer's data, and how their rows are found. */
const SECTIONS: Array<[string, string]> = [
  [
    'consents',
    'SELECT * FROM customer_consents WHERE org_id = $1 AND customer_id = $2 ORDER BY channel, purpose',
  ],
  [
    'consent_history',
    'SELECT * FROM customer_consent_history WHERE org_id = $1 AND customer_id = $2 ORDER BY id',
  ],
  ['vehicles', 'SELECT * FROM vehicles WHERE org_id = $1 AND customer_id = $2 ORDER BY id'],
  [
    'odometer_readings',
    `SELECT o.* FROM odometer_readings o JOIN vehicles v ON v.org_id = o.org_id AND v.id = o.vehicle_id
     WHERE o.org_id = $1 AND v.customer_id = $2 ORDER BY o.id`,
  ],
  ['repair_orders', 'SELECT * FROM repair_orders WHERE org_id = $1 AND customer_id = $2 ORDER BY id'],
  [
    'repair_order_lines',
    `SELECT l.* FROM repair_order_lines l JOIN repair_orders r ON r.org_id = l.org_id AND r.id = l.repair_order_id
     WHERE l.org_id = $1 AND r.customer_id = $2 ORDER BY l.repair_order_id, l.line_no`,
  ],
  [
    'recommendations',
    `SELECT x.* FROM recommendations x JOIN repair_orders r ON r.org_id = x.org_id AND r.id = x.repair_order_id
     WHERE x.org_id = $1 AND r.customer_id = $2 ORDER BY x.repair_order_id, x.line_no`,
  ],
  ['appointments', 'SELECT * FROM appointments WHERE org_id = $1 AND customer_id = $2 ORDER BY id'],
  ['messages', 'SELECT * FROM messages WHERE org_id = $1 AND customer_id = $2 ORDER BY id'],
  ['surveys', 'SELECT * FROM surveys WHERE org_id = $1 AND customer_id = $2 ORDER BY id'],
  ['staff_tasks', 'SELECT * FROM staff_tasks WHERE org_id = $1 AND customer_id = $2 ORDER BY id'],
  [
    'audit_log',
    `SELECT * FROM audit_log WHERE org_id = $1 AND entity = 'customer' AND entity_id = $2::text ORDER BY id`,
  ],
];

export async function exportCustomerData(
  trx: Transaction<DB>,
  scope: Scope,
  input: { customerId: number },
  now: () => Date,
): Promise<{ json: CustomerExport; csv: string }> {
  const customer = await scoped(trx, scope)
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', input.customerId)
    .executeTakeFirst();
  if (!customer) throw new CommandError(404, 'not_found', `Customer ${input.customerId} not found`);
  const json: CustomerExport = { customer: [customer as unknown as Record<string, unknown>] };
  for (const [name, text] of SECTIONS) {
    json[name] = (await execSql<Record<string, unknown>>(trx, text, [scope.orgId, customer.id])).rows;
  }
  const plain = JSON.parse(JSON.stringify(json)) as CustomerExport;
  let csv = csvLine(['table', 'row', 'field', 'value']);
  for (const [table, rows] of Object.entries(plain))
    rows.forEach((row, i) => {
      for (const [field, value] of Object.entries(row))
        csv += csvLine([
          table,
          i + 1,
          field,
          value !== null && typeof value === 'object'
            ? JSON.stringify(value)
            : (value as string | number | boolean | null),
        ]);
    });
  await audit(
    trx,
    scope,
    'export_personal_data',
    'customer',
    customer.id,
    { rows: Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, v.length])) },
    now(),
  );
  return { json: plain, csv };
}
