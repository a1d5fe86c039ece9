// Delete a repair order (its lines and recommendations go with it).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { notFound } from '../../errors/app-error.ts';

export async function deleteRepairOrder(
  trx: Transaction<DB>,
  scope: Scope,
  input: { repairOrderId: number },
  now: Date,
): Promise<void> {
  const row = await scoped(trx, scope)
    .deleteFrom('repair_orders')
    .where('id', '=', input.repairOrderId)
    .returning(['id', 'ro_number', 'location_id'])
    .executeTakeFirst();
  if (!row) throw notFound(`Repair order ${input.repairOrderId}`);
  await audit(
    trx,
    scope,
    'delete',
    'repair_order',
    row.id,
    { ro_number: row.ro_number },
    now,
    row.location_id,
  );
}
