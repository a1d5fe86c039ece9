// Cancel a draft or scheduled campaign before its day is run: the run then makes nothing for it.
// A sent campaign cannot be cancelled (its messages are in the outbox); cancelling twice changes
// nothing. Audited.
import type { Transaction } from 'kysely';
import { audit } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { InputError } from '../input-error.ts';
import { findCampaign } from './campaign.ts';

/** The campaign after the change, or undefined when it is not in scope. */
export async function cancelCampaign(trx: Transaction<DB>, scope: Scope, input: { id: number }, now: Date) {
  const before = await findCampaign(trx, scope.orgId, scope.locationIds, input.id);
  if (!before) return undefined;
  if (before.status === 'cancelled') return before;
  if (before.status === 'sent')
    throw new InputError('id', 'the campaign has been sent and can no longer be cancelled');
  const after = await trx
    .updateTable('campaigns')
    .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
    .where('org_id', '=', before.org_id)
    .where('id', '=', before.id)
    // The run of its day takes the same row lock: cancelled before, or sent.
    .where('status', 'in', ['draft', 'scheduled'])
    .returningAll()
    .executeTakeFirst();
  if (!after) throw new InputError('id', 'the campaign has been sent and can no longer be cancelled');
  await audit(
    trx,
    scope,
    'cancel',
    'campaign',
    before.id,
    { status: { from: before.status, to: 'cancelled' } },
    now,
  );
  return after;
}
