// Message statistics for the console and the API: counts by kind, channel, status and day
// (the day a message was due, in its location's calendar), within one organization.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface MessageStatsFilter {
  locationId?: number;
  /** Inclusive 'YYYY-MM-DD' bounds on due_on. */
  from?: string;
  to?: string;
}

export interface MessageStatsRow {
  day: string;
  kind: string;
  channel: string;
  status: string;
  count: number;
}

export interface MessageStats {
  rows: MessageStatsRow[];
  totals: {
    byStatus: Record<string, number>;
    byKind: Record<string, number>;
    byChannel: Record<string, number>;
    all: number;
  };
}

export async function messageStats(
  db: Kysely<DB>,
  orgId: number,
  filter: MessageStatsFilter = {},
): Promise<MessageStats> {
  let q = db
    .selectFrom('messages')
    .select(['due_on as day', 'kind', 'channel', 'status', sql<number>`count(*)::int`.as('count')])
    .where('org_id', '=', orgId);
  if (filter.locationId !== undefined) q = q.where('location_id', '=', filter.locationId);
  if (filter.from) q = q.where('due_on', '>=', filter.from);
  if (filter.to) q = q.where('due_on', '<=', filter.to);
  const rows = (await q
    .groupBy(['due_on', 'kind', 'channel', 'status'])
    .orderBy('due_on')
    .orderBy('kind')
    .orderBy('channel')
    .orderBy('status')
    .execute()) as MessageStatsRow[];
  const totals: MessageStats['totals'] = { byStatus: {}, byKind: {}, byChannel: {}, all: 0 };
  for (const r of rows) {
    totals.byStatus[r.status] = (totals.byStatus[r.status] ?? 0) + r.count;
    totals.byKind[r.kind] = (totals.byKind[r.kind] ?? 0) + r.count;
    totals.byChannel[r.channel] = (totals.byChannel[r.channel] ?? 0) + r.count;
    totals.all += r.count;
  }
  return { rows, totals };
}
