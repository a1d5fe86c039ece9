// THE Do Not Mail rule, in one place. Who may change it and how:
// - staff (API, console, CLI) turn it on or off;
// - the customer turns it on (unsubscribe link, one-click List-Unsubscribe), never off;
// - a customer file import turns it on or off, but never lifts one the customer or staff asked for.
// Turning it on records when (the caller's clock) and who; turning it off clears both.
// The row form (doNotMailChange, setDoNotMail) serves single edits; the import writes thousands of
// rows in one statement, so the same rule is also written as SQL (doNotMailImportSql), and a test
// checks that both agree for every case.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export type DoNotMailSource = 'staff' | 'unsubscribe_link' | 'list_unsubscribe' | 'import';

/** Sources an import may not undo: the customer's own request, or staff's decision. */
export const PROTECTED_SOURCES: readonly DoNotMailSource[] = [
  'unsubscribe_link',
  'list_unsubscribe',
  'staff',
];

export interface DoNotMailState {
  do_not_mail: boolean;
  do_not_mail_source: string | null;
}

export interface DoNotMailColumns {
  do_not_mail: boolean;
  do_not_mail_at: Date | null;
  do_not_mail_source: string | null;
}

/**
 * The columns to write when `source` asks for Do Not Mail = `wanted` on a customer whose current
 * state is `current` (null: a new customer); null when nothing changes.
 */
export function doNotMailChange(
  current: DoNotMailState | null,
  wanted: boolean,
  source: DoNotMailSource,
  now: Date,
): DoNotMailColumns | null {
  const on = current?.do_not_mail ?? false;
  if (wanted === on) return null;
  if (!wanted) {
    if (source === 'unsubscribe_link' || source === 'list_unsubscribe') return null;
    if (source === 'import' && PROTECTED_SOURCES.includes(current?.do_not_mail_source as DoNotMailSource))
      return null;
    return { do_not_mail: false, do_not_mail_at: null, do_not_mail_source: null };
  }
  return { do_not_mail: true, do_not_mail_at: now, do_not_mail_source: source };
}

export interface SetDoNotMailInput {
  customerId: number;
  wanted: boolean;
  source: DoNotMailSource;
}

/**
 * Applies the rule to one stored customer of `orgId` (row locked). Returns what changed (null:
 * nothing, e.g. a second unsubscribe click), so the caller audits only real changes.
 */
export async function setDoNotMail(
  trx: Transaction<DB>,
  scope: { orgId: number },
  input: SetDoNotMailInput,
  now: Date,
): Promise<DoNotMailColumns | null> {
  const current = await trx
    .selectFrom('customers')
    .select(['do_not_mail', 'do_not_mail_source'])
    .where('org_id', '=', scope.orgId)
    .where('id', '=', input.customerId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) return null;
  const change = doNotMailChange(current, input.wanted, input.source, now);
  if (!change) return null;
  await trx
    .updateTable('customers')
    .set({ ...change, updated_at: now })
    .where('org_id', '=', scope.orgId)
    .where('id', '=', input.customerId)
    .execute();
  return change;
}

/**
 * The same rule for the import's upsert (INSERT … ON CONFLICT DO UPDATE): the value to insert for a
 * new customer and the expression that updates an existing one (`customers` is the stored row,
 * `excluded` the imported one, whose do_not_mail_source is 'import' when on).
 */
export function doNotMailImportSql(now: Date): {
  insert: (wanted: boolean) => { do_not_mail_at: string | null; do_not_mail_source: string | null };
  update: Record<keyof DoNotMailColumns, RawBuilder<unknown>>;
} {
  const kept = sql`(customers.do_not_mail AND coalesce(customers.do_not_mail_source = ANY(${[...PROTECTED_SOURCES]}::text[]), false))`;
  const same = sql`customers.do_not_mail = (${kept} OR excluded.do_not_mail)`;
  return {
    insert: (wanted) => ({
      do_not_mail_at: wanted ? now.toISOString() : null,
      do_not_mail_source: wanted ? 'import' : null,
    }),
    update: {
      do_not_mail: sql`CASE WHEN ${kept} THEN true ELSE excluded.do_not_mail END`,
      do_not_mail_source: sql`CASE WHEN ${same} THEN customers.do_not_mail_source ELSE excluded.do_not_mail_source END`,
      do_not_mail_at: sql`CASE WHEN ${same} THEN customers.do_not_mail_at ELSE excluded.do_not_mail_at END`,
    },
  };
}
