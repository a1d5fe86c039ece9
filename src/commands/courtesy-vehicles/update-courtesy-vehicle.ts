// Edit a courtesy vehicle (deactivate with active: false); audited from → to.
import type { Transaction } from 'kysely';
import type { CourtesyVehicle, DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit, diff } from '../../accounts/audit.ts';
import { notFound } from '../../errors/app-error.ts';
import type { CourtesyVehicleFields } from './create-courtesy-vehicle.ts';

export async function updateCourtesyVehicle(
  trx: Transaction<DB>,
  scope: Scope,
  input: { courtesyVehicleId: number; fields: CourtesyVehicleFields },
  now: Date,
): Promise<CourtesyVehicle> {
  const { courtesyVehicleId, fields } = input;
  const s = scoped(trx, scope);
  const before = await s
    .selectFrom('courtesy_vehicles')
    .selectAll()
    .where('id', '=', courtesyVehicleId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound(`Courtesy vehicle ${courtesyVehicleId}`);
  const after = Object.keys(fields).length
    ? await s
        .updateTable('courtesy_vehicles')
        .set(fields)
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : before;
  const changes = diff(before, fields);
  // An edit that changes nothing (an empty PATCH) leaves no audit entry.
  if (Object.keys(changes).length > 0)
    await audit(trx, scope, 'update', 'courtesy_vehicle', before.id, changes, now);
  return after;
}
