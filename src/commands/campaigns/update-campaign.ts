// Edit a campaign that has not been sent or cancelled: name, segment, message, promotion.
// Audited with the fields that changed.
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { audit, diff } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { assertOpen, checkCampaign, findCampaign, segmentColumns, type campaignChanges } from './campaign.ts';

export type CampaignChanges = z.output<typeof campaignChanges> & { id: number };

/** The campaign after the change, or undefined when it is not in scope. */
export async function updateCampaign(trx: Transaction<DB>, scope: Scope, input: CampaignChanges, now: Date) {
  const before = await findCampaign(trx, scope.orgId, scope.locationIds, input.id);
  if (!before) return undefined;
  assertOpen(before);
  const content = input.content !== undefined ? input.content : before.content;
  const promotionId = input.promotion_id !== undefined ? input.promotion_id : before.promotion_id;
  const segment = input.segment ?? {
    vehicle_make: before.vehicle_make,
    maintenance_within_days: before.maintenance_within_days,
    inactive_min_months: before.inactive_min_months,
    inactive_max_months: before.inactive_max_months,
    language: before.language,
  };
  await checkCampaign(trx, before.org_id, before.location_id, {
    content,
    promotion_id: promotionId,
    segment,
  });
  const set = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.segment !== undefined ? segmentColumns(input.segment) : {}),
    ...(input.content !== undefined ? { content: input.content } : {}),
    ...(input.promotion_id !== undefined ? { promotion_id: input.promotion_id } : {}),
  };
  const after = await trx
    .updateTable('campaigns')
    .set({
      ...set,
      ...('content' in set ? { content: set.content ? JSON.stringify(set.content) : null } : {}),
      updated_at: now,
    })
    .where('org_id', '=', before.org_id)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, scope, 'update', 'campaign', before.id, diff(before, set), now);
  return after;
}
