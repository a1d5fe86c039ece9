// What each sent campaign brought back (docs/results.md#campaigns): its messages sent, the
// customers back at the location within the attribution window after the send day, their visits
// and invoice totals, and the same for the campaign's control group (held, reason control_group).
// One set-based statement over the location's sent campaigns.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { execSql } from '../engine/sql/exec.ts';
import { rate } from './months.ts';

export interface CampaignResultRow {
  campaign_id: number;
  location_id: number;
  send_on: string;
  window_days: number;
  /** The last day a visit counts for the campaign (send_on + window_days). */
  window_ends_on: string;
  sent: number;
  returned: number;
  return_rate: number | null;
  visits: number;
  invoice_total: number;
  control: number;
  control_returned: number;
  control_return_rate: number | null;
  /** return_rate − control_return_rate; null when either group is empty. */
  lift: number | null;
}

/** The sent campaigns of the locations, newest first; `windowDays` overrides each location's setting. */
export async function campaignResults(
  db: Kysely<DB>,
  orgId: number,
  locationIds: number[],
  windowDays?: number,
): Promise<CampaignResultRow[]> {
  const { rows } = await execSql<Omit<CampaignResultRow, 'return_rate' | 'control_return_rate' | 'lift'>>(
    db,
    `WITH cp AS MATERIALIZED (
       SELECT cp.org_id, cp.id, cp.location_id, cp.send_on, coalesce($3::int, l.attribution_days) AS days
       FROM campaigns cp JOIN locations l ON l.org_id = cp.org_id AND l.id = cp.location_id
       WHERE cp.org_id = $1 AND cp.location_id = ANY($2::bigint[]) AND cp.status = 'sent'),
     m AS MATERIALIZED (
       SELECT cp.id AS campaign_id, m.id, m.location_id, m.customer_id, m.due_on, m.status = 'sent' AS sent,
              m.due_on + cp.days AS until
       FROM cp JOIN messages m ON m.org_id = cp.org_id AND m.location_id = cp.location_id
         AND m.kind = 'CAMPAIGN' AND m.due_on = cp.send_on AND m.payload -> 'campaign' ->> 'id' = cp.id::text
       WHERE m.recipient_type = 'customer' AND m.customer_id IS NOT NULL
         AND (m.status = 'sent' OR (m.status = 'held' AND m.reason = 'control_group'))),
     f AS (
       SELECT m.id, count(*)::int AS visits, sum(ro.total_amount) AS total
       FROM m JOIN repair_orders ro ON ro.org_id = $1 AND ro.location_id = m.location_id
         AND ro.customer_id = m.customer_id AND ro.status = 'closed'
         AND ro.closed_on > m.due_on AND ro.closed_on <= m.until
       GROUP BY m.id)
     SELECT cp.id::int AS campaign_id, cp.location_id::int AS location_id,
            to_char(cp.send_on, 'YYYY-MM-DD') AS send_on, cp.days::int AS window_days,
            to_char(cp.send_on + cp.days, 'YYYY-MM-DD') AS window_ends_on,
            count(m.id) FILTER (WHERE m.sent)::int AS sent,
            count(f.id) FILTER (WHERE m.sent)::int AS returned,
            coalesce(sum(f.visits) FILTER (WHERE m.sent), 0)::int AS visits,
            round(coalesce(sum(f.total) FILTER (WHERE m.sent), 0)::numeric, 2)::float8 AS invoice_total,
            count(m.id) FILTER (WHERE NOT m.sent)::int AS control,
            count(f.id) FILTER (WHERE NOT m.sent)::int AS control_returned
     FROM cp LEFT JOIN m ON m.campaign_id = cp.id LEFT JOIN f ON f.id = m.id
     GROUP BY cp.id, cp.location_id, cp.send_on, cp.days
     ORDER BY cp.send_on DESC, cp.id DESC`,
    [orgId, locationIds, windowDays ?? null],
  );
  return rows.map((r) => {
    const returnRate = rate(r.returned, r.sent);
    const controlRate = rate(r.control_returned, r.control);
    return {
      ...r,
      return_rate: returnRate,
      control_return_rate: controlRate,
      lift:
        returnRate === null || controlRate === null
          ? null
          : Math.round((returnRate - controlRate) * 10_000) / 10_000,
    };
  });
}
