// Create (or schedule, with a valid_from in the future) a promotion at a location. Audited.
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { audit } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import type { newPromotionInput } from './promotion.ts';

export type NewPromotion = z.output<typeof newPromotionInput> & { locationId: number };

export async function createPromotion(trx: Transaction<DB>, scope: Scope, input: NewPromotion, now: Date) {
  const keys = scoped(trx, scope).location(input.locationId);
  const values = {
    name: input.name,
    coupon_code: input.coupon_code ?? null,
    description: JSON.stringify(input.text),
    valid_from: input.valid_from ?? null,
    valid_until: input.valid_until ?? null,
  };
  const row = await trx
    .insertInto('promotions')
    .values({ ...keys, ...values, active: true, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(
    trx,
    scope,
    'create',
    'promotion',
    row.id,
    { ...values, description: input.text, location_id: keys.location_id },
    now,
  );
  return row;
}
