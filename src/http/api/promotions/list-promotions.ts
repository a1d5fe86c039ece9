import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id } from '../schemas.ts';
import { presentPromotion } from '../../../commands/promotions/promotion.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { promotionOut } from './schema.ts';

export const listPromotionsRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/promotions',
  summary: 'The promotions of a location (E07 offers the newest one running), newest first',
  tag: 'Promotions',
  auth: 'rules.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  response: z.object({ items: z.array(promotionOut) }),
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, params, now }) {
    const location = await s.getLocation(params.locationId);
    const today = localDateTime(now, location.time_zone).date;
    const rows = await s
      .selectFrom('promotions')
      .selectAll()
      .where('location_id', '=', location.id)
      .orderBy('id', 'desc')
      .execute();
    return { items: rows.map((p) => presentPromotion(p, today)) };
  },
});
