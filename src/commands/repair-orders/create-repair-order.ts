// Create a repair order with its lines and declined recommendations; its odometer reading feeds
// the maintenance predictions.
import type { Insertable, Transaction } from 'kysely';
import type { DB, RepairOrder, RepairOrdersTable } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import {
  checkReferences,
  recordOdometer,
  replaceLines,
  type LineInput,
  type RecommendationInput,
  type RepairOrderFields,
} from './repair-order-lines.ts';

export interface CreateRepairOrderInput {
  locationId: number;
  fields: RepairOrderFields & { ro_number: string; opened_on: string };
  lines?: LineInput[];
  recommendations?: RecommendationInput[];
}

export async function createRepairOrder(
  trx: Transaction<DB>,
  scope: Scope,
  input: CreateRepairOrderInput,
  now: Date,
): Promise<RepairOrder> {
  const { fields, lines, recommendations } = input;
  const s = scoped(trx, scope);
  const keys = s.location(input.locationId);
  await checkReferences(s, fields);
  const ro = await trx
    .insertInto('repair_orders')
    .values({ ...keys, ...fields, created_at: now } as Insertable<RepairOrdersTable>)
    .returningAll()
    .executeTakeFirstOrThrow();
  await replaceLines(trx, s, scope.orgId, ro.id, lines, recommendations);
  await recordOdometer(trx, scope.orgId, ro.vehicle_id, ro.closed_on ?? ro.opened_on, ro.odometer);
  await audit(
    trx,
    scope,
    'create',
    'repair_order',
    ro.id,
    { ro_number: ro.ro_number, status: ro.status, lines: lines?.length ?? 0 },
    now,
  );
  return ro;
}
