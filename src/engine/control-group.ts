// The control group (docs/results.md): of a kind's customer messages that would go out, the
// location's share for that kind (control_groups, none by default) is held back with reason
// control_group, so the results can compare the customers who got the message with those who
// did not. The choice is a hash of the message's exactly-once key: a re-run of the day, or a
// preview, holds back the same messages; over many messages the share held converges on the setting.
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { execSql } from './sql/exec.ts';

/** Seed of the hash (any constant; changing it would reshuffle who is in the group). */
const SEED = 7_300_760;
/** Resolution of the share: 2^20 buckets. */
const BUCKETS = 1_048_576;

/** The control-group test in SQL for a row of eng_final f and its setting cg. */
export const inControlGroup = (key: string, share: string) =>
  `(hashtextextended(${key}, ${SEED}) & ${BUCKETS - 1}) < ${share} * ${BUCKETS}`;

export async function applyControlGroup(trx: Transaction<DB>): Promise<void> {
  await execSql(
    trx,
    `UPDATE eng_final f SET status = 'held', reason = 'control_group'
     FROM control_groups cg
     WHERE cg.org_id = f.org_id AND cg.location_id = f.location_id AND cg.kind = f.kind AND cg.share > 0
       AND f.recipient_type = 'customer' AND f.status = 'pending'
       AND ${inControlGroup('f.dedupe_key', 'cg.share')}`,
  );
}
