// CAMPAIGN: on a campaign's send_on, one message to each customer of its segment (docs/results.md
// #campaigns). Segment filters are columns of campaigns (NULL = no filter): an active vehicle of
// one make, an active vehicle whose predicted maintenance falls due within N days, a last visit
// between max and min months back, the customer's language. A vehicle filter names the matching
// vehicles in the message; without one, all the customer's active vehicles. Cap, consent, Do Not
// Mail and the exactly-once key (subject k<campaign id>) are the engine's, as for every kind.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { execSql } from '../sql/exec.ts';
import { customerRule, type Rule } from './build.ts';

/** The customer's language, else the location's; a campaign's own text falls back to one it has. */
const CONTENT_LANGUAGE = `CASE WHEN cp.content IS NULL OR cp.content -> coalesce(c.language, rl.lang) IS NOT NULL THEN coalesce(c.language, rl.lang)
       WHEN cp.content -> rl.lang IS NOT NULL THEN rl.lang
       ELSE (SELECT min(k) FROM jsonb_object_keys(cp.content) k) END`;

export const campaignRule: Rule = {
  kind: 'CAMPAIGN',
  statements: [
    customerRule({
      kind: 'CAMPAIGN',
      joins: `JOIN campaigns cp ON cp.org_id = rl.org_id AND cp.location_id = rl.location_id AND cp.send_on = rl.day
                AND cp.status IN ('scheduled', 'sent')
              JOIN customers c ON c.org_id = cp.org_id AND c.location_id = cp.location_id
              LEFT JOIN LATERAL (SELECT cv.* FROM vehicles cv WHERE cv.org_id = c.org_id AND cv.customer_id = c.id AND cv.status = 'active'
                  AND (cp.vehicle_make IS NULL OR lower(btrim(cv.make)) = lower(btrim(cp.vehicle_make)))
                  AND (cp.maintenance_within_days IS NULL OR EXISTS (
                        SELECT 1 FROM vehicle_maintenance vm WHERE vm.org_id = cv.org_id AND vm.vehicle_id = cv.id
                          AND vm.next_due_on BETWEEN rl.day AND rl.day + cp.maintenance_within_days))) v ON true
              LEFT JOIN promotions pr ON pr.org_id = cp.org_id AND pr.id = cp.promotion_id
              CROSS JOIN LATERAL (SELECT ${CONTENT_LANGUAGE} AS lang) cl`,
      where: `(v.id IS NOT NULL OR (cp.vehicle_make IS NULL AND cp.maintenance_within_days IS NULL))
              AND (cp.inactive_min_months IS NULL OR c.last_visit_on <= rl.day - make_interval(months => cp.inactive_min_months))
              AND (cp.inactive_max_months IS NULL OR c.last_visit_on > rl.day - make_interval(months => cp.inactive_max_months))
              AND (cp.language IS NULL OR coalesce(c.language, rl.lang) = cp.language)`,
      vehicle: 'v',
      language: 'cl.lang',
      subject: `'k' || cp.id`,
      payload: `jsonb_build_object('campaign', jsonb_build_object('id', cp.id, 'name', cp.name,
                  'subject', cp.content -> cl.lang ->> 'subject', 'body', cp.content -> cl.lang ->> 'body'),
                'promotion', CASE WHEN pr.id IS NOT NULL THEN jsonb_build_object('id', pr.id, 'name', pr.name,
                  'coupon_code', pr.coupon_code, 'description', pr.description, 'valid_until', pr.valid_until) END)`,
    }),
  ],
};

/**
 * Locks the run's campaigns of its day before the rule reads them, so a cancel waits for the run
 * and then finds the campaign sent (cancel-campaign.ts), never sent and cancelled at once.
 */
export async function lockDayCampaigns(trx: Transaction<DB>): Promise<void> {
  await execSql(
    trx,
    `SELECT 1 FROM campaigns cp JOIN run_locs rl ON cp.org_id = rl.org_id AND cp.location_id = rl.location_id
     WHERE cp.send_on = rl.day AND cp.status = 'scheduled' FOR UPDATE OF cp`,
  );
}

/** The run's campaigns of its day are decided: scheduled becomes sent (in the run's transaction). */
export async function markCampaignsSent(trx: Transaction<DB>, now: string): Promise<void> {
  await execSql(
    trx,
    `UPDATE campaigns cp SET status = 'sent', sent_at = $1::timestamptz, updated_at = $1::timestamptz
     FROM run_locs rl
     WHERE cp.org_id = rl.org_id AND cp.location_id = rl.location_id AND cp.send_on = rl.day AND cp.status = 'scheduled'`,
    [now],
  );
}
