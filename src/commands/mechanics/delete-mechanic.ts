// Delete a mechanic who has no appointments; one with appointments is deactivated instead (the
// database refuses the delete, which the HTTP layer answers as 409 in_use).
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { notFound } from '../../errors/app-error.ts';

export async function deleteMechanic(
  trx: Transaction<DB>,
  scope: Scope,
  input: { mechanicId: number },
  now: Date,
): Promise<void> {
  const row = await scoped(trx, scope)
    .deleteFrom('mechanics')
    .where('id', '=', input.mechanicId)
    .returning(['id', 'name', 'location_id'])
    .executeTakeFirst();
  if (!row) throw notFound(`Mechanic ${input.mechanicId}`);
  await audit(trx, scope, 'delete', 'mechanic', row.id, { name: row.name }, now, row.location_id);
}
