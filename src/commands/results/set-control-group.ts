// Set the control-group share of one kind at one location (docs/results.md): 0 switches it off.
// A command: the transaction, the tenant scope, the input (checked by the caller's schema) and
// the clock; the change is audited in the same transaction.
import type { Transaction } from 'kysely';
import { audit } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';

export interface SetControlGroupInput {
  locationId: number;
  /** A customer message kind (the caller checks it). */
  kind: string;
  /** 0 to 0.5. */
  share: number;
}

export interface ControlGroup {
  location_id: number;
  kind: string;
  share: number;
}

export async function setControlGroup(
  trx: Transaction<DB>,
  scope: Scope,
  input: SetControlGroupInput,
  now: Date,
): Promise<ControlGroup> {
  const keys = scoped(trx, scope).location(input.locationId);
  const before = await trx
    .selectFrom('control_groups')
    .select('share')
    .where('org_id', '=', keys.org_id)
    .where('location_id', '=', keys.location_id)
    .where('kind', '=', input.kind)
    .forUpdate()
    .executeTakeFirst();
  await trx
    .insertInto('control_groups')
    .values({ ...keys, kind: input.kind, share: input.share, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['org_id', 'location_id', 'kind']).doUpdateSet({ share: input.share, updated_at: now }),
    )
    .execute();
  await audit(
    trx,
    scope,
    'update',
    'control_group',
    `${keys.location_id}/${input.kind}`,
    { share: { from: before ? Number(before.share) : 0, to: input.share } },
    now,
  );
  return { location_id: keys.location_id, kind: input.kind, share: input.share };
}
