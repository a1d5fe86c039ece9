// What each message brought back (docs/results.md): for every customer message sent (and, for
// the lift, every one held back for the control group), the customer's visits at the location in
// the attribution window after its day, their invoice totals, and for DEFERRED how many of the
// declined items were done. Grouped per location, month, kind, channel and language.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { execSql } from '../engine/sql/exec.ts';
import { firstDay, rate, type MonthRange } from './months.ts';

export interface AttributionRow {
  location_id: number;
  month: string;
  kind: string;
  channel: string;
  language: string;
  /** Messages sent that month (by due day). */
  messages: number;
  /** Of them, those whose customer visited within the window after the message's day. */
  returned: number;
  return_rate: number | null;
  /** Visits (closed repair orders) in those windows, and their invoice totals. */
  visits: number;
  invoice_total: number;
  /** DEFERRED only (0 otherwise): items declined on the visit the messages named, and of them done. */
  deferred_items: number;
  deferred_items_done: number;
}

export interface OutcomeRow extends AttributionRow {
  /** 'sent', or 'control' for messages held back with reason control_group. */
  group: 'sent' | 'control';
}

export interface AttributionOptions {
  range: MonthRange;
  /** Days of the window; the location's attribution_days when absent. */
  windowDays?: number;
  /** Count the control group (held, reason control_group) as well. */
  withControl?: boolean;
  kind?: string;
}

export async function messageOutcomes(
  db: Kysely<DB>,
  orgId: number,
  locationIds: number[],
  options: AttributionOptions,
): Promise<OutcomeRow[]> {
  const rows =
    (await fromMaintained(db, orgId, locationIds, options)) ??
    (await fromVisits(db, orgId, locationIds, options));
  return rows.map((r) => ({ ...r, return_rate: rate(r.returned, r.messages) }));
}

/**
 * The figures kept by the database per message (message_outcomes, migration 0871: its triggers on
 * messages, repair orders, their lines, recommendations and the locations' window recompute a
 * message's row when anything it depends on changes), grouped: one narrow row per message, no
 * visit read. One short statement, cheap to plan. It keeps each location's own window: for
 * another one (`same` false) it answers undefined and the caller computes from the visits.
 */
async function fromMaintained(
  db: Kysely<DB>,
  orgId: number,
  locationIds: number[],
  options: AttributionOptions,
): Promise<Array<Omit<OutcomeRow, 'return_rate'>> | undefined> {
  const { rows } = await execSql<Omit<OutcomeRow, 'return_rate'> & { same: boolean | null }>(
    db,
    `SELECT w.same, g.*
     FROM (SELECT bool_and(attribution_days = $7::int) AS same FROM locations
           WHERE $7::int IS NOT NULL AND org_id = $1 AND id = ANY($2::bigint[])) w
     LEFT JOIN LATERAL (
       SELECT o.location_id::int AS location_id, to_char(o.month, 'YYYY-MM') AS month, o.kind, o.channel, o.language,
              o.grp AS "group", count(*)::int AS messages, count(*) FILTER (WHERE o.visits > 0)::int AS returned,
              sum(o.visits)::int AS visits, round(sum(o.invoice_total), 2)::float8 AS invoice_total,
              sum(o.deferred_items)::int AS deferred_items, sum(o.deferred_items_done)::int AS deferred_items_done
       FROM message_outcomes o
       WHERE w.same IS NOT FALSE AND o.org_id = $1 AND o.location_id = ANY($2::bigint[])
         AND o.due_on >= $3::date AND o.due_on < $4::date
         AND ($5::text IS NULL OR o.kind = $5::text) AND ($6::boolean OR o.grp = 'sent')
       GROUP BY o.location_id, o.month, o.kind, o.channel, o.language, o.grp) g ON true
     ORDER BY 2, 3, 4, 5, 6, 7`,
    [
      orgId,
      locationIds,
      firstDay(options.range.first),
      firstDay(options.range.last + 1),
      options.kind ?? null,
      options.withControl ?? false,
      options.windowDays ?? null,
    ],
  );
  if (rows[0]?.same === false) return undefined;
  // The LEFT JOIN's one empty row when nothing was sent.
  return rows.filter((r) => r.location_id !== null).map(({ same: _same, ...r }) => r);
}

/**
 * Another window than the locations' own: the messages joined to the visits of their windows.
 * Exported as the reference the maintained figures are checked against (message-outcomes.test.ts).
 */
export async function fromVisits(
  db: Kysely<DB>,
  orgId: number,
  locationIds: number[],
  options: AttributionOptions,
): Promise<Array<Omit<OutcomeRow, 'return_rate'>>> {
  // The visits that can follow a message of the range: closed after its first day, up to the
  // last day's window. Bounding them by date lets them be read by (location, closed_on) and
  // hashed by customer, instead of one index probe per message.
  const maxWindow =
    options.windowDays ??
    Number(
      (
        await db
          .selectFrom('locations')
          .select((eb) => eb.fn.max('attribution_days').as('n'))
          .where('org_id', '=', orgId)
          .where('id', 'in', locationIds.length ? locationIds : [0])
          .executeTakeFirst()
      )?.n ?? 30,
    );
  const { rows } = await execSql<Omit<OutcomeRow, 'return_rate'>>(
    db,
    `WITH m AS MATERIALIZED (
       SELECT m.id, m.location_id, m.customer_id, m.vehicle_id, m.repair_order_id, m.kind, m.channel, m.language, m.due_on,
              CASE WHEN m.status = 'sent' THEN 'sent' ELSE 'control' END AS grp,
              m.due_on + coalesce($5::int, l.attribution_days) AS until
       FROM messages m JOIN locations l ON l.org_id = m.org_id AND l.id = m.location_id
       WHERE m.org_id = $1 AND m.location_id = ANY($2::bigint[]) AND m.recipient_type = 'customer'
         AND m.customer_id IS NOT NULL AND m.due_on >= $3::date AND m.due_on < $4::date
         AND ($7::text IS NULL OR m.kind = $7::text)
         AND (m.status = 'sent' OR ($6::boolean AND m.status = 'held' AND m.reason = 'control_group'))),
     hits AS MATERIALIZED (
       SELECT m.id, ro.id AS ro_id, ro.vehicle_id, ro.total_amount
       FROM m JOIN repair_orders ro ON ro.org_id = $1 AND ro.location_id = m.location_id AND ro.customer_id = m.customer_id
                                   AND ro.closed_on > m.due_on AND ro.closed_on <= m.until
       WHERE ro.location_id = ANY($2::bigint[]) AND ro.status = 'closed'
         AND ro.closed_on > $3::date AND ro.closed_on < $4::date + $8::int),
     f AS (SELECT id, count(*)::int AS visits, sum(total_amount)::float8 AS total FROM hits GROUP BY id),
     items AS (
       SELECT m.id, m.vehicle_id, r.id AS rec_id, r.status, lower(trim(r.description)) AS description
       FROM m JOIN recommendations r ON r.org_id = $1 AND r.repair_order_id = m.repair_order_id
       WHERE m.kind = 'DEFERRED'),
     done AS (
       SELECT DISTINCT i.id, i.rec_id
       FROM items i JOIN hits h ON h.id = i.id AND (i.vehicle_id IS NULL OR h.vehicle_id = i.vehicle_id)
       WHERE i.status = 'done' OR EXISTS (SELECT 1 FROM repair_order_lines li WHERE li.org_id = $1 AND li.repair_order_id = h.ro_id
                                            AND lower(trim(li.description)) = i.description)),
     d AS (
       SELECT i.id, count(*)::int AS items, count(dn.rec_id)::int AS done
       FROM items i LEFT JOIN done dn ON dn.id = i.id AND dn.rec_id = i.rec_id
       GROUP BY i.id)
     SELECT m.location_id::int AS location_id, to_char(m.due_on, 'YYYY-MM') AS month, m.kind, m.channel, m.language,
            m.grp AS "group", count(*)::int AS messages, count(f.id)::int AS returned,
            coalesce(sum(f.visits), 0)::int AS visits, round(coalesce(sum(f.total), 0)::numeric, 2)::float8 AS invoice_total,
            coalesce(sum(d.items), 0)::int AS deferred_items, coalesce(sum(d.done), 0)::int AS deferred_items_done
     FROM m LEFT JOIN f ON f.id = m.id LEFT JOIN d ON d.id = m.id
     GROUP BY 1, 2, 3, 4, 5, 6
     ORDER BY 1, 2, 3, 4, 5, 6`,
    [
      orgId,
      locationIds,
      firstDay(options.range.first),
      firstDay(options.range.last + 1),
      options.windowDays ?? null,
      options.withControl ?? false,
      options.kind ?? null,
      maxWindow,
    ],
  );
  return rows;
}

/** Sent messages only, without the group column. */
export async function attributionByMonth(
  db: Kysely<DB>,
  orgId: number,
  locationIds: number[],
  options: Omit<AttributionOptions, 'withControl'>,
): Promise<AttributionRow[]> {
  const rows = await messageOutcomes(db, orgId, locationIds, { ...options, withControl: false });
  return rows.map(({ group: _group, ...r }) => r);
}
