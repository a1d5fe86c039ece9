// Edit a promotion: name, coupon code, text, dates (a scheduled one can be moved, a running
// one extended). An ended promotion cannot be edited. Audited with the fields that changed.
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { audit, diff } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { InputError } from '../input-error.ts';
import { findPromotion, type promotionChanges } from './promotion.ts';

export type PromotionChanges = z.output<typeof promotionChanges> & { id: number };

/** The promotion after the change, or undefined when it is not in scope. */
export async function updatePromotion(
  trx: Transaction<DB>,
  scope: Scope,
  input: PromotionChanges,
  now: Date,
) {
  const before = await findPromotion(trx, scope.orgId, scope.locationIds, input.id);
  if (!before) return undefined;
  if (!before.active) throw new InputError('id', 'the promotion has ended and can no longer be edited');
  const validFrom = input.valid_from !== undefined ? input.valid_from : before.valid_from;
  const validUntil = input.valid_until !== undefined ? input.valid_until : before.valid_until;
  if (validFrom && validUntil && validUntil < validFrom)
    throw new InputError(
      input.valid_until !== undefined ? 'valid_until' : 'valid_from',
      'must not be before valid_from',
    );
  const set = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.coupon_code !== undefined ? { coupon_code: input.coupon_code } : {}),
    ...(input.text !== undefined ? { description: input.text } : {}),
    ...(input.valid_from !== undefined ? { valid_from: input.valid_from } : {}),
    ...(input.valid_until !== undefined ? { valid_until: input.valid_until } : {}),
  };
  const after = await trx
    .updateTable('promotions')
    .set({
      ...set,
      ...(set.description ? { description: JSON.stringify(set.description) } : {}),
      updated_at: now,
    })
    .where('org_id', '=', before.org_id)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, scope, 'update', 'promotion', before.id, diff(before, set), now);
  return after;
}
