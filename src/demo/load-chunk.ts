// Writes one generated chunk in one transaction (its own, or the caller's). With the right to, it
// sets session_replication_role = replica while it writes: the last-visit triggers (0401) and
// foreign-key checks are skipped, since the generator already computed last_visit_on and
// only references rows it wrote itself. Without that right the triggers simply run.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { insertColumns, reserveIds, toIds } from './bulk-insert.ts';
import type { Chunk } from './generate-chunk.ts';

export interface ChunkIds {
  customerIds: number[];
  vehicleIds: number[];
}

/** In its own transaction, or in the caller's (first start loads the whole demo shop in one). */
export async function loadChunk(
  db: Kysely<DB>,
  scope: { orgId: number; locationId: number; bypassTriggers: boolean },
  chunk: Chunk,
): Promise<ChunkIds> {
  if (!db.isTransaction) return db.transaction().execute((trx) => loadChunk(trx, scope, chunk));
  if (!scope.bypassTriggers) return writeChunk(db, scope, chunk);
  await sql`SET LOCAL session_replication_role = replica`.execute(db);
  const ids = await writeChunk(db, scope, chunk);
  // The caller's transaction goes on with other writes: their triggers and checks run again.
  await sql`SET LOCAL session_replication_role = DEFAULT`.execute(db);
  return ids;
}

async function writeChunk(
  trx: Kysely<DB>,
  scope: { orgId: number; locationId: number },
  chunk: Chunk,
): Promise<ChunkIds> {
  const { customers: c, vehicles: v, repairOrders: r, lines: l, recommendations: rec, odometer: o } = chunk;
  const nC = c.customer_number.length;
  const nV = v.vin.length;
  const nR = r.ro_number.length;
  const customerIds = await reserveIds(trx, 'customers', nC);
  const vehicleIds = await reserveIds(trx, 'vehicles', nV);
  const roIds = await reserveIds(trx, 'repair_orders', nR);
  const same = <T>(n: number, value: T): T[] => new Array<T>(n).fill(value);
  const org = (n: number) => same(n, scope.orgId);
  const loc = (n: number) => same(n, scope.locationId);

  await insertColumns(trx, 'customers', [
    { name: 'org_id', type: 'bigint', values: org(nC) },
    { name: 'id', type: 'bigint', values: customerIds },
    { name: 'location_id', type: 'bigint', values: loc(nC) },
    { name: 'customer_number', type: 'text', values: c.customer_number },
    { name: 'first_name', type: 'text', values: c.first_name },
    { name: 'last_name', type: 'text', values: c.last_name },
    { name: 'company_name', type: 'text', values: c.company_name },
    { name: 'mailing_name', type: 'text', values: c.mailing_name },
    { name: 'language', type: 'text', values: c.language },
    { name: 'email', type: 'text', values: c.email },
    { name: 'phone', type: 'text', values: c.phone },
    { name: 'address_line1', type: 'text', values: c.address_line1 },
    { name: 'city', type: 'text', values: c.city },
    { name: 'region', type: 'text', values: c.region },
    { name: 'postal_code', type: 'text', values: c.postal_code },
    { name: 'country', type: 'text', values: c.country },
    { name: 'birthday', type: 'date', values: c.birthday },
    { name: 'do_not_mail', type: 'boolean', values: c.do_not_mail },
    { name: 'do_not_mail_source', type: 'text', values: c.do_not_mail.map((d) => (d ? 'import' : null)) },
    { name: 'consent_basis', type: 'text', values: c.consent_basis },
    { name: 'consent_date', type: 'date', values: c.consent_date },
    { name: 'last_visit_on', type: 'date', values: c.last_visit_on },
  ]);
  await insertColumns(trx, 'vehicles', [
    { name: 'org_id', type: 'bigint', values: org(nV) },
    { name: 'id', type: 'bigint', values: vehicleIds },
    { name: 'location_id', type: 'bigint', values: loc(nV) },
    { name: 'customer_id', type: 'bigint', values: toIds(v.customer, customerIds) },
    { name: 'vin', type: 'text', values: v.vin },
    { name: 'year', type: 'smallint', values: v.year },
    { name: 'make', type: 'text', values: v.make },
    { name: 'model', type: 'text', values: v.model },
    { name: 'submodel', type: 'text', values: v.submodel },
    { name: 'engine', type: 'text', values: v.engine },
    { name: 'plate', type: 'text', values: v.plate },
    { name: 'plate_region', type: 'text', values: v.plate_region },
    { name: 'delivery_date', type: 'date', values: v.delivery_date },
    { name: 'usage_unit', type: 'text', values: v.usage_unit },
    { name: 'captured_on', type: 'date', values: v.captured_on },
    { name: 'next_visit_on', type: 'date', values: v.next_visit_on },
    { name: 'last_visit_on', type: 'date', values: v.last_visit_on },
  ]);
  await insertColumns(trx, 'repair_orders', [
    { name: 'org_id', type: 'bigint', values: org(nR) },
    { name: 'id', type: 'bigint', values: roIds },
    { name: 'location_id', type: 'bigint', values: loc(nR) },
    { name: 'ro_number', type: 'text', values: r.ro_number },
    { name: 'customer_id', type: 'bigint', values: toIds(r.customer, customerIds) },
    { name: 'vehicle_id', type: 'bigint', values: toIds(r.vehicle, vehicleIds) },
    { name: 'opened_on', type: 'date', values: r.opened_on },
    { name: 'closed_on', type: 'date', values: r.closed_on },
    { name: 'status', type: 'text', values: r.status },
    { name: 'odometer', type: 'integer', values: r.odometer },
    { name: 'is_maintenance', type: 'boolean', values: r.is_maintenance },
    { name: 'total_amount', type: 'numeric', values: r.total_amount },
  ]);
  await insertColumns(trx, 'repair_order_lines', [
    { name: 'org_id', type: 'bigint', values: org(l.line_no.length) },
    { name: 'repair_order_id', type: 'bigint', values: toIds(l.repairOrder, roIds) },
    { name: 'line_no', type: 'integer', values: l.line_no },
    { name: 'kind', type: 'text', values: l.kind },
    { name: 'description', type: 'text', values: l.description },
    { name: 'quantity', type: 'numeric', values: l.quantity },
    { name: 'amount', type: 'numeric', values: l.amount },
  ]);
  await insertColumns(trx, 'recommendations', [
    { name: 'org_id', type: 'bigint', values: org(rec.line_no.length) },
    { name: 'repair_order_id', type: 'bigint', values: toIds(rec.repairOrder, roIds) },
    { name: 'line_no', type: 'integer', values: rec.line_no },
    { name: 'description', type: 'text', values: rec.description },
    { name: 'estimate', type: 'numeric', values: rec.estimate },
  ]);
  await insertColumns(trx, 'odometer_readings', [
    { name: 'org_id', type: 'bigint', values: org(o.value.length) },
    { name: 'vehicle_id', type: 'bigint', values: toIds(o.vehicle, vehicleIds) },
    { name: 'read_on', type: 'date', values: o.read_on },
    { name: 'value', type: 'integer', values: o.value },
  ]);
  return { customerIds, vehicleIds };
}

/** Whether this connection may switch triggers off (superuser, as on PGlite and a dev server). */
export async function canBypassTriggers(db: Kysely<DB>): Promise<boolean> {
  const row = await sql<{
    on: boolean;
  }>`SELECT rolsuper AS on FROM pg_roles WHERE rolname = current_user`.execute(db);
  return row.rows[0]?.on === true;
}
