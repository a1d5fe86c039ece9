import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { endPromotion } from '../../../commands/promotions/end-promotion.ts';
import { findPromotion, presentPromotion } from '../../../commands/promotions/promotion.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { promotionOut } from './schema.ts';

export const endPromotionRoute = defineRoute({
  method: 'POST',
  path: '/promotions/:promotionId/end',
  summary: 'End a promotion now: E07 no longer offers it',
  tag: 'Promotions',
  auth: 'rules.write',
  isolation: 'tenant',
  params: z.strictObject({ promotionId: id }),
  response: promotionOut,
  example: (ids) => ({ params: { promotionId: ids.promotionId } }),
  async handler({ db, s, scope, params, now }) {
    const found = await findPromotion(db, scope.orgId, scope.locationIds, params.promotionId);
    if (!found) throw notFound(`Promotion ${params.promotionId}`);
    const location = await s.getLocation(found.location_id);
    const today = localDateTime(now, location.time_zone).date;
    const row = await db
      .transaction()
      .execute((trx) => endPromotion(trx, scope, { id: found.id, today }, now));
    if (!row) throw notFound(`Promotion ${params.promotionId}`);
    return presentPromotion(row, today);
  },
});
