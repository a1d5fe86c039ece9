// Unsubscribed and bounced per location, day, kind and channel (docs/results.md): of the customer
// messages due that day and sent, how many bounced and how many led their customer to unsubscribe
// (the unsubscribe link or List-Unsubscribe of that message, recorded in the audit log).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { execSql } from '../engine/sql/exec.ts';

export interface OptOutRow {
  location_id: number;
  day: string;
  kind: string;
  channel: string;
  /** Messages that went out (sent or bounced afterwards). */
  sent: number;
  bounced: number;
  unsubscribed: number;
}

export async function optOutsByDay(
  db: Kysely<DB>,
  orgId: number,
  locationIds: number[],
  from: string,
  to: string,
): Promise<OptOutRow[]> {
  const { rows } = await execSql<OptOutRow>(
    db,
    `WITH u AS (
       SELECT DISTINCT (a.changes->>'message_id')::bigint AS message_id
       FROM audit_log a
       WHERE a.org_id = $1 AND a.action = 'unsubscribe' AND a.at >= $3::date - 1 AND a.changes->>'message_id' IS NOT NULL)
     SELECT m.location_id::int AS location_id, to_char(m.due_on, 'YYYY-MM-DD') AS day, m.kind, m.channel,
            count(*)::int AS sent, count(*) FILTER (WHERE m.status = 'bounced')::int AS bounced,
            count(u.message_id)::int AS unsubscribed
     FROM messages m LEFT JOIN u ON u.message_id = m.id
     WHERE m.org_id = $1 AND m.location_id = ANY($2::bigint[]) AND m.recipient_type = 'customer'
       AND m.due_on >= $3::date AND m.due_on <= $4::date AND m.status IN ('sent', 'bounced')
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2, 3, 4`,
    [orgId, locationIds, from, to],
  );
  return rows;
}
