// The CTEs an event-driven message starts from: the location's row as the daily run sees it
// (today = the local date of `now` in the location's time zone) and the kind's rules.
import { RULE_DAYS_SQL } from '../sql/channel.ts';
import { missingIdentificationSql } from '../../domain/compliance/identification.ts';

/** Two CTEs, rl and rr; parameters $1 = now (timestamptz), $2 = org id, $3 = kind. */
export const EVENT_CTES = `
  rl AS (SELECT l.org_id, l.id AS location_id, l.time_zone AS tz, l.language AS lang, l.email_enabled,
                l.postcards_enabled, l.sms_enabled, l.route_p01, ($1::timestamptz AT TIME ZONE l.time_zone)::date AS day,
                ${missingIdentificationSql('l')} AS ident_missing
         FROM locations l WHERE l.org_id = $2),
  rr AS (${RULE_DAYS_SQL} WHERE org_id = $2 AND kind = $3 GROUP BY org_id, location_id, kind)`;
