import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { id, page, sortedListQuery } from '../schemas.ts';
import { idSort, keysetSorted, parseSort, sortedPage, type SortColumns } from '../../../db/keyset-sort.ts';
import { presentPromotion } from '../../../commands/promotions/promotion.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { promotionOut } from './schema.ts';

/** The columns a promotion list sorts by (`sort=name`, `sort=-valid_until`); newest first without. */
export const PROMOTION_SORTS: SortColumns = {
  name: { ref: 'name', type: 'text' },
  coupon_code: { ref: 'coupon_code', type: 'text', nullable: true },
  valid_from: { ref: 'valid_from', type: 'date', nullable: true },
  valid_until: { ref: 'valid_until', type: 'date', nullable: true },
  created_at: { ref: 'created_at', type: 'timestamptz' },
};

export const listPromotionsRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/promotions',
  summary:
    'The promotions of a location (E07 offers the newest one running), newest first (or sorted by a column), a page at a time',
  tag: 'Promotions',
  auth: 'rules.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject(sortedListQuery(PROMOTION_SORTS)),
  response: page(promotionOut),
  example: (ids) => ({ params: { locationId: ids.locationId } }),
  async handler({ s, params, query, now }) {
    const location = await s.getLocation(params.locationId);
    const today = localDateTime(now, location.time_zone).date;
    const sort = query.sort ? parseSort(PROMOTION_SORTS, query.sort) : idSort(true);
    const q = s.selectFrom('promotions').selectAll().where('location_id', '=', location.id);
    const rows = await keysetSorted(q, sort, 'id', query.cursor, query.limit).execute();
    return sortedPage(rows, query.limit, sort, (p) => presentPromotion(p, today));
  },
});
