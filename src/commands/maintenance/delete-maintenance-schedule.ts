// Delete a make or make/model schedule: its vehicles fall back to the next most specific one. The
// default schedule cannot be deleted (its items are edited instead).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { AppError, notFound } from '../../errors/app-error.ts';

export async function deleteMaintenanceSchedule(
  trx: Transaction<DB>,
  scope: Scope,
  input: { scheduleId: number },
  now: Date,
): Promise<void> {
  const s = scoped(trx, scope);
  const row = await s
    .selectFrom('maintenance_schedules')
    .select(['id', 'name', 'make', 'model', 'location_id'])
    .where('id', '=', input.scheduleId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound(`Maintenance schedule ${input.scheduleId}`);
  if (row.make === null && row.model === null) {
    throw new AppError(
      409,
      'in_use',
      'The default schedule (no make, no model) applies to every vehicle without a more specific one: edit its items instead of deleting it',
    );
  }
  await s.deleteFrom('maintenance_schedules').where('id', '=', row.id).execute();
  await audit(
    trx,
    scope,
    'delete',
    'maintenance_schedule',
    row.id,
    { name: row.name, make: row.make, model: row.model },
    now,
    row.location_id,
  );
}
