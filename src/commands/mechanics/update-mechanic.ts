// Edit a mechanic: only the fields given change (deactivate with active: false); audited from → to.
import type { Transaction } from 'kysely';
import type { DB, Mechanic } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit, diff } from '../../accounts/audit.ts';
import { notFound } from '../../errors/app-error.ts';

export interface UpdateMechanicInput {
  mechanicId: number;
  fields: { name?: string; skills?: string[]; user_id?: number | null; active?: boolean };
}

export async function updateMechanic(
  trx: Transaction<DB>,
  scope: Scope,
  input: UpdateMechanicInput,
  now: Date,
): Promise<Mechanic> {
  const { mechanicId, fields } = input;
  const s = scoped(trx, scope);
  const before = await s
    .selectFrom('mechanics')
    .selectAll()
    .where('id', '=', mechanicId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound(`Mechanic ${mechanicId}`);
  if (fields.user_id) await s.findUser(fields.user_id, 'user_id');
  const after = Object.keys(fields).length
    ? await s
        .updateTable('mechanics')
        .set(fields)
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : before;
  const changes = diff(before, fields);
  // An edit that changes nothing (an empty PATCH) leaves no audit entry.
  if (Object.keys(changes).length > 0) await audit(trx, scope, 'update', 'mechanic', before.id, changes, now);
  return after;
}
