// P01: the customer changed their own file in the portal. One staff task per distinct set of
// changes and day, routed per the location's route_p01 (CRM agent, sales manager or the
// customer's sales rep). Idempotent: the same changes on the same day add nothing.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { execSql } from '../sql/exec.ts';
import { EVENT_CTES } from './event-location.ts';
import { OUTBOX_COLUMNS, routedUserSql } from '../sql/channel.ts';

export async function enqueueCustomerFileChanged(
  db: Kysely<DB>,
  orgId: number,
  customerId: number,
  changes: Record<string, { from: unknown; to: unknown }>,
  now: Date,
): Promise<void> {
  const json = stableJson(changes);
  const subject = `x${createHash('sha256').update(json).digest('hex').slice(0, 16)}`;
  const text = `
    WITH ${EVENT_CTES}
    INSERT INTO messages (${OUTBOX_COLUMNS})
    SELECT c.org_id, c.location_id, 'P01', 'task', 'staff', c.id, NULL, NULL, NULL,
           ${routedUserSql('rl.route_p01', 'c')}, NULL, rl.lang, rl.day,
           'c' || c.id || '/' || $5::text || '/P01/' || rl.day, 'pending', NULL,
           jsonb_build_object('changes', $6::jsonb, 'assigned_role', rl.route_p01),
           $1::timestamptz
    FROM customers c
    JOIN rl ON rl.org_id = c.org_id AND rl.location_id = c.location_id
    JOIN rr ON rr.org_id = c.org_id AND rr.location_id = c.location_id
    WHERE c.org_id = $2 AND c.id = $4 AND rr.email_days > 0
    ON CONFLICT (org_id, dedupe_key) DO NOTHING`;
  await execSql(db, text, [now.toISOString(), orgId, 'P01', customerId, subject, json]);
}

/** JSON with object keys sorted, so the same changes always hash the same. */
function stableJson(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
        : v,
    ) ?? 'null'
  );
}
