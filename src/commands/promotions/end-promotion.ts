// End a promotion now: E07 stops offering it from this moment (the run of the day decides with
// what is running). Ending twice changes nothing. Audited.
import type { Transaction } from 'kysely';
import { audit } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { findPromotion } from './promotion.ts';

/** The promotion after the change, or undefined when it is not in scope. `today`: the location's date. */
export async function endPromotion(
  trx: Transaction<DB>,
  scope: Scope,
  input: { id: number; today: string },
  now: Date,
) {
  const before = await findPromotion(trx, scope.orgId, scope.locationIds, input.id);
  if (!before) return undefined;
  if (!before.active) return before;
  const after = await trx
    .updateTable('promotions')
    .set({ active: false, ended_on: input.today, updated_at: now })
    .where('org_id', '=', before.org_id)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(
    trx,
    scope,
    'end',
    'promotion',
    before.id,
    { active: { from: true, to: false }, ended_on: { from: null, to: input.today } },
    now,
  );
  return after;
}
