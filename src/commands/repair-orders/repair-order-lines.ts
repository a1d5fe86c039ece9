// A repair order's header fields, its lines and declined recommendations (replaced as a whole),
// and the odometer reading the visit recorded (read by the maintenance predictions).
import type { Insertable, Transaction } from 'kysely';
import type { DB, RepairOrderLinesTable } from '../../db/schema.ts';
import type { Scoped } from '../../tenancy/scoped.ts';

export type RepairOrderFields = {
  customer_id?: number | null;
  vehicle_id?: number | null;
  ro_number?: string;
  opened_on?: string;
  closed_on?: string | null;
  status?: 'open' | 'closed' | 'void';
  odometer?: number | null;
  is_maintenance?: boolean;
  total_amount?: number;
};

export interface LineInput {
  line_no: number;
  kind: 'labor' | 'part' | 'package';
  description: string;
  quantity?: number;
  amount?: number;
}

export interface RecommendationInput {
  line_no: number;
  description: string;
  estimate?: number | null;
  status?: 'declined' | 'done';
}

/** Customer and vehicle referred to must be the caller's (404 naming the field otherwise). */
export async function checkReferences(s: Scoped, fields: RepairOrderFields): Promise<void> {
  if (fields.customer_id) await s.find('customers', fields.customer_id, 'Customer', 'customer_id');
  if (fields.vehicle_id) await s.find('vehicles', fields.vehicle_id, 'Vehicle', 'vehicle_id');
}

export async function replaceLines(
  trx: Transaction<DB>,
  s: Scoped,
  orgId: number,
  roId: number,
  lines?: LineInput[],
  recs?: RecommendationInput[],
) {
  if (lines) {
    await s.deleteFromChild('repair_order_lines').where('repair_order_id', '=', roId).execute();
    if (lines.length)
      await trx
        .insertInto('repair_order_lines')
        .values(
          lines.map(
            (l) => ({ org_id: orgId, repair_order_id: roId, ...l }) as Insertable<RepairOrderLinesTable>,
          ),
        )
        .execute();
  }
  if (recs) {
    await s.deleteFromChild('recommendations').where('repair_order_id', '=', roId).execute();
    if (recs.length)
      await trx
        .insertInto('recommendations')
        .values(recs.map((r) => ({ org_id: orgId, repair_order_id: roId, ...r })))
        .execute();
  }
}

export async function recordOdometer(
  trx: Transaction<DB>,
  orgId: number,
  vehicleId: number | null,
  readOn: string,
  value: number | null | undefined,
) {
  if (!vehicleId || value === null || value === undefined) return;
  await trx
    .insertInto('odometer_readings')
    .values({ org_id: orgId, vehicle_id: vehicleId, read_on: readOn, value, source: 'repair_order' })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function loadDetail(s: Scoped, roId: number) {
  // Generated<Num> columns are not unwrapped by Kysely's types; the values are numbers (pg parser).
  const [lines, recommendations] = (await Promise.all([
    s
      .selectFromChild('repair_order_lines')
      .select(['line_no', 'kind', 'description', 'quantity', 'amount'])
      .where('repair_order_id', '=', roId)
      .orderBy('line_no')
      .execute(),
    s
      .selectFromChild('recommendations')
      .select(['line_no', 'description', 'estimate', 'status'])
      .where('repair_order_id', '=', roId)
      .orderBy('line_no')
      .execute(),
  ])) as unknown as [
    Array<{ line_no: number; kind: string; description: string; quantity: number; amount: number }>,
    Array<{ line_no: number; description: string; estimate: number | null; status: string }>,
  ];
  return { lines, recommendations };
}
