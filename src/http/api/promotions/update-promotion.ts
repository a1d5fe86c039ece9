import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { notFound } from '../../errors.ts';
import { updatePromotion } from '../../../commands/promotions/update-promotion.ts';
import { presentPromotion, promotionChanges } from '../../../commands/promotions/promotion.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { asHttpError, promotionOut } from './schema.ts';

export const updatePromotionRoute = defineRoute({
  method: 'PATCH',
  path: '/promotions/:promotionId',
  summary: 'Edit a promotion that has not ended: name, coupon code, text, dates',
  tag: 'Promotions',
  auth: 'rules.write',
  isolation: 'tenant',
  params: z.strictObject({ promotionId: id }),
  body: promotionChanges,
  response: promotionOut,
  example: (ids) => ({ params: { promotionId: ids.promotionId }, body: { valid_until: '2027-01-31' } }),
  async handler({ db, s, scope, params, body, now }) {
    const row = await db
      .transaction()
      .execute((trx) => updatePromotion(trx, scope, { ...body, id: params.promotionId }, now))
      .catch((err: unknown) => {
        throw asHttpError(err);
      });
    if (!row) throw notFound(`Promotion ${params.promotionId}`);
    const location = await s.getLocation(row.location_id);
    return presentPromotion(row, localDateTime(now, location.time_zone).date);
  },
});
