// The send queue ahead: what will go out in the coming days for one location, and why.
// Runs the very same decision SQL for each future day inside a transaction that is then
// rolled back (no decision is kept), plus what is already waiting in the outbox. Days run one
// after the other because each sees the one before (the frequency cap counts its messages, the
// E06 digest its surveys, REVIEW its requests). What each day would redo for nothing is skipped
// (docs/engine.md, "The send queue ahead"): the maintenance predictions are refreshed once, on
// the first day; engine_runs is not written; a never-run location's first predictions are kept.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { addDays } from '../domain/time/dates.ts';
import { assertDay, runDayInTransaction } from './run-day.ts';
import { predictNeverRunLocation } from './first-run-predictions.ts';
import { execSql } from './sql/exec.ts';

export interface PreviewRow {
  day: string;
  kind: string;
  channel: string;
  status: string;
  /** Why held, when held. */
  reason: string | null;
  customerId: number | null;
  customerName: string | null;
  vehicle: string | null;
  /** Why the message is due, in words. */
  why: string;
  /** The same reason as data, for screens to say in their user's language. */
  whyFacts: WhyFacts;
  /** Already in the outbox (decided earlier) rather than to be decided. */
  alreadyQueued: boolean;
  nextAttemptAt: string;
}

class Rollback extends Error {
  rows: PreviewRow[];
  snapshot: string;
  constructor(rows: PreviewRow[], snapshot: string) {
    super('preview rollback');
    this.rows = rows;
    this.snapshot = snapshot;
  }
}

/** `now` only sets when the rows would be attempted; it defaults to the first day's midnight UTC. */
export async function previewSendQueue(
  db: Kysely<DB>,
  orgId: number,
  locationId: number,
  fromDay: string,
  days: number,
  now?: Date,
): Promise<PreviewRow[]> {
  return (await forecastSendQueue(db, orgId, locationId, fromDay, days, now)).rows;
}

/**
 * The preview and the snapshot (pg_current_snapshot() as text) its decisions were read from:
 * whatever commits later is invisible to it (send-queue.ts keeps the forecast until then).
 */
export async function forecastSendQueue(
  db: Kysely<DB>,
  orgId: number,
  locationId: number,
  fromDay: string,
  days: number,
  now?: Date,
): Promise<{ rows: PreviewRow[]; snapshot: string }> {
  assertDay(fromDay);
  if (!Number.isInteger(days) || days < 1 || days > 60)
    throw new Error(`days must be a whole number from 1 to 60 (got ${days})`);
  const at = now ?? new Date(`${fromDay}T00:00:00Z`);
  const location = await db
    .selectFrom('locations')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', locationId)
    .executeTakeFirst();
  if (!location) throw new Error(`location ${locationId} not found in organization ${orgId}`);
  const until = addDays(fromDay, days);
  await predictNeverRunLocation(db, orgId, locationId, at);
  try {
    await db.transaction().execute(async (trx) => {
      // First, so that anything committed while the days are decided counts as a later change.
      const snapshot = (await execSql<{ s: string }>(trx, 'SELECT pg_current_snapshot()::text AS s')).rows[0]!
        .s;
      const existing = await trx
        .selectFrom('messages')
        .select('id')
        .where('org_id', '=', orgId)
        .where('location_id', '=', locationId)
        .where('status', '=', 'pending')
        .where('due_on', '>=', fromDay)
        .where('due_on', '<', until)
        .execute();
      const newIds: number[] = [];
      for (let i = 0; i < days; i++) {
        const r = await runDayInTransaction(trx, addDays(fromDay, i), {
          now: at,
          locations: [{ orgId, locationId }],
          refreshPredictions: i === 0,
          record: false,
        });
        newIds.push(...r.messageIds.map((m) => m.id));
      }
      const ids = [...existing.map((e) => e.id), ...newIds];
      const rows = ids.length
        ? await trx
            .selectFrom('messages as m')
            .leftJoin('customers as c', (j) =>
              j.onRef('c.org_id', '=', 'm.org_id').onRef('c.id', '=', 'm.customer_id'),
            )
            .select([
              'm.id',
              'm.kind',
              'm.channel',
              'm.status',
              'm.reason',
              'm.due_on',
              'm.customer_id',
              'c.mailing_name',
              'm.payload',
              'm.next_attempt_at',
            ])
            .where('m.org_id', '=', orgId)
            .where('m.id', 'in', ids)
            .orderBy('m.due_on')
            .orderBy('m.kind')
            .orderBy('m.id')
            .execute()
        : [];
      const newSet = new Set(newIds);
      throw new Rollback(
        rows.map((m) => ({
          day: m.due_on,
          kind: m.kind,
          channel: m.channel,
          status: m.status,
          reason: m.reason,
          customerId: m.customer_id,
          customerName: m.mailing_name,
          vehicle: vehiclesText(m.payload),
          why: explain(m.kind, m.payload),
          whyFacts: explainFacts(m.kind, m.payload),
          alreadyQueued: !newSet.has(m.id),
          nextAttemptAt: new Date(m.next_attempt_at).toISOString(),
        })),
        snapshot,
      );
    });
  } catch (err) {
    if (err instanceof Rollback) return { rows: err.rows, snapshot: err.snapshot };
    throw err;
  }
  throw new Error('unreachable: the preview always rolls back');
}

type Payload = Record<string, unknown> & {
  vehicles?: Array<{ year: number | null; make: string | null; model: string | null; plate: string | null }>;
  next_visit_on?: string;
  last_service_on?: string;
  appointment?: { starts_at: string };
  deferred_items?: string[];
  maintenance?: { due_on: string; items: Array<{ code: string }> };
  promotion?: { name: string };
  survey_ids?: number[];
  changes?: Record<string, unknown>;
  assigned_role?: string;
};

function vehiclesText(payload: unknown): string | null {
  const v = (payload as Payload).vehicles;
  if (!v?.length) return null;
  return v
    .map((x) => [x.year, x.make, x.model, x.plate ? `(${x.plate})` : null].filter(Boolean).join(' '))
    .join(', ');
}

export interface WhyFacts {
  code:
    | 'appointment'
    | 'next_visit'
    | 'no_show'
    | 'visit_closed'
    | 'declined'
    | 'no_invoice'
    | 'vehicle_captured'
    | 'sales_task'
    | 'birthday'
    | 'maintenance_due'
    | 'survey_answers'
    | 'promotion'
    | 'recall_unanswered'
    | 'file_changed'
    | 'appointment_requested'
    | 'other';
  /** An instant (ISO), shown in the location's zone. */
  at?: string;
  /** A day (YYYY-MM-DD). */
  on?: string;
  /** Free text from the data (declined items, maintenance codes, a promotion's name…). */
  detail?: string;
  count?: number;
}

/** Why a message is due, as data: explain() says it in English for the CLI. */
export function explainFacts(kind: string, payload: unknown): WhyFacts {
  const p = payload as Payload;
  const at = p.appointment?.starts_at;
  switch (kind) {
    case 'REMINDER_1':
    case 'REMINDER_2':
      return at ? { code: 'appointment', at } : { code: 'next_visit', on: p.next_visit_on };
    case 'NO_SHOW':
      return { code: 'no_show', at };
    case 'THANK_YOU':
    case 'E03':
    case 'REVIEW':
      return { code: 'visit_closed', on: p.last_service_on };
    case 'DEFERRED':
      return { code: 'declined', on: p.last_service_on, detail: (p.deferred_items ?? []).join('; ') };
    case 'INACTIVE':
      return { code: 'no_invoice', on: p.last_service_on };
    case 'V01':
      return { code: 'vehicle_captured' };
    case 'V01_SALES':
      return { code: 'sales_task', detail: p.assigned_role ?? 'sales_rep' };
    case 'V02':
      return { code: 'birthday' };
    case 'E01':
    case 'E02':
      return {
        code: 'maintenance_due',
        on: p.maintenance?.due_on,
        detail: (p.maintenance?.items ?? []).map((i) => i.code).join(', '),
      };
    case 'E04':
    case 'E05':
      return { code: 'appointment', at };
    case 'E06':
      return { code: 'survey_answers', count: p.survey_ids?.length ?? 0 };
    case 'E07':
      return { code: 'promotion', detail: p.promotion?.name };
    case 'P00':
      return { code: 'recall_unanswered', on: p.last_service_on };
    case 'P01':
      return { code: 'file_changed', detail: Object.keys(p.changes ?? {}).join(', ') };
    case 'P02':
      return { code: 'appointment_requested', at };
    default:
      return { code: 'other', detail: kind };
  }
}

export function explain(kind: string, payload: unknown): string {
  const p = payload as Payload;
  switch (kind) {
    case 'REMINDER_1':
    case 'REMINDER_2':
      return p.appointment
        ? `appointment at ${p.appointment.starts_at}`
        : `next visit set for ${p.next_visit_on}`;
    case 'NO_SHOW':
      return `missed appointment at ${p.appointment?.starts_at}`;
    case 'THANK_YOU':
    case 'E03':
    case 'REVIEW':
      return `visit closed ${p.last_service_on}`;
    case 'DEFERRED':
      return `declined on ${p.last_service_on}: ${(p.deferred_items ?? []).join('; ')}`;
    case 'INACTIVE':
      return `no invoice since ${p.last_service_on}`;
    case 'V01':
      return 'vehicle captured';
    case 'V01_SALES':
      return `vehicle captured: task for the ${p.assigned_role ?? 'sales_rep'}`;
    case 'V02':
      return 'birthday';
    case 'E01':
    case 'E02':
      return `maintenance due ${p.maintenance?.due_on}: ${(p.maintenance?.items ?? []).map((i) => i.code).join(', ')}`;
    case 'E04':
    case 'E05':
      return `appointment at ${p.appointment?.starts_at}`;
    case 'E06':
      return `${p.survey_ids?.length ?? 0} survey answer(s)`;
    case 'E07':
      return `promotion ${p.promotion?.name}`;
    case 'P00':
      return `no visit or booking since the second recall (last service ${p.last_service_on ?? 'never'})`;
    case 'P01':
      return `changed: ${Object.keys(p.changes ?? {}).join(', ')}`;
    case 'P02':
      return `appointment requested for ${p.appointment?.starts_at}`;
    default:
      return kind;
  }
}
