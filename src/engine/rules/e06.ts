// E06: the day's digest of survey answers not yet digested, one staff task per location,
// routed per route_e06. The run marks the surveys digested in the same transaction.
import { CAND_COLUMNS, fromRule, type Rule } from './build.ts';
import { routedUserSql } from '../sql/channel.ts';

export const e06Rule: Rule = {
  kind: 'E06',
  statements: [
    `INSERT INTO eng_cand (${CAND_COLUMNS})
     SELECT rl.org_id, rl.location_id, 'E06', 'staff', NULL, NULL, NULL, NULL, ${routedUserSql('rl.route_e06', null)}, NULL, rl.lang,
            rl.day, 'task', NULL, '-', 'l' || rl.location_id,
            jsonb_build_object('survey_ids', s.ids, 'assigned_role', rl.route_e06), NULL, greatest(rl.run_at, rl.now), 0
     ${fromRule('E06')}
     JOIN LATERAL (SELECT jsonb_agg(s.id ORDER BY s.id) AS ids FROM surveys s
                   WHERE s.org_id = rl.org_id AND s.location_id = rl.location_id AND s.digested_at IS NULL
                     AND s.answered_at IS NOT NULL AND s.answered_at < rl.run_at) s ON s.ids IS NOT NULL
     WHERE rr.email_days > 0`,
  ],
};
