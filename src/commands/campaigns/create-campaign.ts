// Create a draft campaign at a location: name, segment, and its own message per language or a
// promotion. Nothing is sent until it is scheduled (send-campaign.ts). Audited.
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { audit } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { checkCampaign, segmentColumns, type newCampaignInput } from './campaign.ts';

export type NewCampaign = z.output<typeof newCampaignInput> & { locationId: number };

export async function createCampaign(trx: Transaction<DB>, scope: Scope, input: NewCampaign, now: Date) {
  const keys = scoped(trx, scope).location(input.locationId);
  const segment = input.segment ?? {};
  const content = input.content ?? null;
  const promotionId = input.promotion_id ?? null;
  await checkCampaign(trx, keys.org_id, keys.location_id, { content, promotion_id: promotionId, segment });
  const values = {
    name: input.name,
    ...segmentColumns(segment),
    content: content ? JSON.stringify(content) : null,
    promotion_id: promotionId,
  };
  const row = await trx
    .insertInto('campaigns')
    .values({ ...keys, ...values, status: 'draft', created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(
    trx,
    scope,
    'create',
    'campaign',
    row.id,
    { ...values, content, location_id: keys.location_id },
    now,
  );
  return row;
}
