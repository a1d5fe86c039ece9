// The audit log: who changed what. Every API write calls audit() inside its transaction, so a
// change and its record commit together.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';

export type Changes = Record<string, unknown>;

export async function audit(
  db: Kysely<DB> | Transaction<DB>,
  scope: Scope,
  action: string,
  entity: string,
  entityId: number | string | null,
  changes: Changes = {},
  at?: Date,
  /** The record's location when it can no longer be looked up (a delete); else the database fills it in (0830). */
  locationId?: number,
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      org_id: scope.orgId, // 0: installation-wide (operator)
      actor_type: scope.actor.type,
      actor_id: scope.actor.id,
      action,
      entity,
      entity_id: entityId === null ? null : String(entityId),
      changes: JSON.stringify(changes),
      ...(at ? { at } : {}),
      ...(locationId !== undefined ? { location_id: locationId } : {}),
    })
    .execute();
}

/** The fields whose value differs, as { field: { from, to } }; secrets must be left out by the caller. */
export function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    const a = norm(before[key]);
    const b = norm(after[key]);
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = { from: a ?? null, to: b ?? null };
  }
  return out;
}

const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
