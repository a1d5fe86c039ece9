import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { dateStr, id } from '../schemas.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { FOLLOW_UP_COLUMNS, followUpList, LIST_STATUSES } from '../../../results/follow-up-list.ts';
import { toCsv } from '../../../domain/csv.ts';

export const getFollowUpListRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/follow-up-list',
  summary:
    'A day’s follow-up list as CSV for a mail merge (text/csv, UTF-8 with BOM): the customer messages due that day, all or due, sent or held, with names, addresses and vehicles',
  tag: 'Results',
  auth: 'messages.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({ date: dateStr.optional(), status: z.enum(LIST_STATUSES).default('all') }),
  response: z.string(),
  example: (ids) => ({
    params: { locationId: ids.locationId },
    query: { date: '2026-03-01', status: 'sent' },
  }),
  async handler({ s, scope, db, params, query, now, reply }) {
    const location = await s.getLocation(params.locationId);
    const day = query.date ?? localDateTime(now, location.time_zone).date;
    const rows = await followUpList(db, scope.orgId, location.id, day, query.status);
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="follow-up-${location.code}-${day}.csv"`);
    return toCsv(FOLLOW_UP_COLUMNS, rows);
  },
});
