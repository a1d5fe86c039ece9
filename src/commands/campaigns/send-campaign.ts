// "Send" a campaign: schedule it for a day (today or later, in the location's zone). The daily
// run of that day decides it with every other kind. Scheduled for today, it is decided at once
// (the same engine, CAMPAIGN only, in this transaction), so a campaign sent after today's run
// still goes today; its messages wait for the location's run hour when that is still ahead.
import type { Transaction } from 'kysely';
import { audit } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import { runDayInTransaction } from '../../engine/run-day.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { InputError } from '../input-error.ts';
import { assertOpen, checkCampaign, findCampaign } from './campaign.ts';

/** `today`: the location's date now. The campaign after the change, or undefined when not in scope. */
export async function sendCampaign(
  trx: Transaction<DB>,
  scope: Scope,
  input: { id: number; send_on: string; today: string },
  now: Date,
) {
  const before = await findCampaign(trx, scope.orgId, scope.locationIds, input.id);
  if (!before) return undefined;
  assertOpen(before);
  if (input.send_on < input.today) throw new InputError('send_on', `must be today (${input.today}) or later`);
  await checkCampaign(trx, before.org_id, before.location_id, {
    content: before.content,
    promotion_id: before.promotion_id,
    segment: {},
  });
  await trx
    .updateTable('campaigns')
    .set({ status: 'scheduled', send_on: input.send_on, updated_at: now })
    .where('org_id', '=', before.org_id)
    .where('id', '=', before.id)
    .execute();
  await audit(
    trx,
    scope,
    'send',
    'campaign',
    before.id,
    {
      status: { from: before.status, to: 'scheduled' },
      send_on: { from: before.send_on, to: input.send_on },
    },
    now,
  );
  if (input.send_on === input.today)
    await runDayInTransaction(trx, input.today, {
      now,
      locations: [{ orgId: before.org_id, locationId: before.location_id }],
      only: ['CAMPAIGN'],
    });
  return (await findCampaign(trx, scope.orgId, scope.locationIds, input.id))!;
}
