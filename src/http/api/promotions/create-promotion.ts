import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { createPromotion } from '../../../commands/promotions/create-promotion.ts';
import { newPromotionInput, presentPromotion } from '../../../commands/promotions/promotion.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { promotionOut } from './schema.ts';

export const createPromotionRoute = defineRoute({
  method: 'POST',
  path: '/locations/:locationId/promotions',
  summary:
    'Create a promotion (coupon code, text per language, validity dates; a future valid_from schedules it)',
  tag: 'Promotions',
  auth: 'rules.write',
  isolation: 'tenant',
  status: 201,
  params: z.strictObject({ locationId: id }),
  body: newPromotionInput,
  response: promotionOut,
  example: (ids) => ({
    params: { locationId: ids.locationId },
    body: {
      name: 'Winter tires',
      coupon_code: 'WINTER10',
      text: { en: '10% off winter tires', fr: '10 % de rabais sur les pneus d’hiver' },
      valid_from: '2026-11-01',
      valid_until: '2026-12-31',
    },
  }),
  async handler({ db, s, scope, params, body, now }) {
    const location = await s.getLocation(params.locationId);
    const row = await db
      .transaction()
      .execute((trx) => createPromotion(trx, scope, { ...body, locationId: location.id }, now));
    return presentPromotion(row, localDateTime(now, location.time_zone).date);
  },
});
