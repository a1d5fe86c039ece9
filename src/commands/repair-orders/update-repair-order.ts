// Edit a repair order: the fields given change; lines and recommendations, when given, replace the
// old ones; a new odometer reading is recorded for the predictions.
import type { Transaction, Updateable } from 'kysely';
import type { DB, RepairOrder, RepairOrdersTable } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit, diff } from '../../accounts/audit.ts';
import { notFound } from '../../errors/app-error.ts';
import {
  checkReferences,
  recordOdometer,
  replaceLines,
  type LineInput,
  type RecommendationInput,
  type RepairOrderFields,
} from './repair-order-lines.ts';

export interface UpdateRepairOrderInput {
  repairOrderId: number;
  fields: RepairOrderFields;
  lines?: LineInput[];
  recommendations?: RecommendationInput[];
}

export async function updateRepairOrder(
  trx: Transaction<DB>,
  scope: Scope,
  input: UpdateRepairOrderInput,
  now: Date,
): Promise<RepairOrder> {
  const { fields, lines, recommendations } = input;
  const s = scoped(trx, scope);
  const before = await s
    .selectFrom('repair_orders')
    .selectAll()
    .where('id', '=', input.repairOrderId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound(`Repair order ${input.repairOrderId}`);
  await checkReferences(s, fields);
  const after = Object.keys(fields).length
    ? await s
        .updateTable('repair_orders')
        .set(fields as Updateable<RepairOrdersTable>)
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : before;
  await replaceLines(trx, s, scope.orgId, before.id, lines, recommendations);
  if (fields.odometer !== undefined)
    await recordOdometer(
      trx,
      scope.orgId,
      after.vehicle_id,
      after.closed_on ?? after.opened_on,
      after.odometer,
    );
  await audit(
    trx,
    scope,
    'update',
    'repair_order',
    before.id,
    {
      ...diff(before, fields),
      ...(lines ? { lines: lines.length } : {}),
      ...(recommendations ? { recommendations: recommendations.length } : {}),
    },
    now,
  );
  return after;
}
