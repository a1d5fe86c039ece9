// Records a customer's consent for one channel and purpose, with its evidence, in
// customer_consents (the current state) and customer_consent_history (every change), audited.
// A customer who opted out themselves (unsubscribe link, one-click) cannot be put back silently:
// only new express consent with its evidence (what the customer said or signed, and where)
// re-subscribes them, and for email or postcards it lifts their own Do Not Mail.
import { sql, type Kysely, type Transaction } from 'kysely';
import { audit } from '../accounts/audit.ts';
import type { ConsentBasis, DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { CommandError } from './command-error.ts';

/** sms_keyword: the customer texted STOP (or its like) or START to the shop's number. */
export type ConsentSource = 'staff' | 'api' | 'import' | 'portal' | 'sms_keyword';

export interface RecordConsentInput {
  customerId: number;
  channel: 'email' | 'postcard' | 'text';
  purpose: 'service' | 'marketing';
  basis: ConsentBasis;
  /** When the consent was given (default: today in UTC of the clock). */
  givenOn?: string | null;
  /** {text} what the customer said or signed; {file, line} an import; {form, text_version} the portal. */
  evidence: Record<string, unknown>;
  source: ConsentSource;
}

export const CUSTOMER_OPT_OUT_SOURCES = [
  'unsubscribe_link',
  'list_unsubscribe',
  'unsubscribe',
  'sms_keyword',
];
/** A consent withdrawn from these is the customer's own word too (the portal's "My details" form). */
const CUSTOMER_WITHDRAWAL_SOURCES = [...CUSTOMER_OPT_OUT_SOURCES, 'portal'];

const hasEvidence = (e: Record<string, unknown>) =>
  Object.values(e).some((v) => (typeof v === 'string' ? v.trim() !== '' : v != null));

export async function recordConsent(
  trx: Transaction<DB>,
  scope: Scope,
  input: RecordConsentInput,
  now: () => Date,
): Promise<{ customerId: number; resubscribed: boolean }> {
  const at = now();
  const customer = await scoped(trx, scope)
    .selectFrom('customers')
    .select(['id', 'do_not_mail', 'do_not_mail_source'])
    .where('id', '=', input.customerId)
    .forUpdate()
    .executeTakeFirst();
  if (!customer) throw new CommandError(404, 'not_found', `Customer ${input.customerId} not found`);
  const before = await trx
    .selectFrom('customer_consents')
    .selectAll()
    .where('org_id', '=', scope.orgId)
    .where('customer_id', '=', customer.id)
    .where('channel', '=', input.channel)
    .where('purpose', '=', input.purpose)
    .executeTakeFirst();
  const evidence = { ...input.evidence, ...(scope.userId != null ? { user_id: scope.userId } : {}) };
  const customerOptedOut =
    (customer.do_not_mail && CUSTOMER_OPT_OUT_SOURCES.includes(customer.do_not_mail_source ?? '')) ||
    (before?.basis === 'none' && CUSTOMER_WITHDRAWAL_SOURCES.includes(before.source));
  if (input.basis !== 'none' && customerOptedOut) {
    if (!hasEvidence(input.evidence))
      throw new CommandError(
        422,
        'consent_evidence_required',
        'evidence: say what the customer said or signed, and where (evidence.text)',
        'evidence',
      );
  }
  if (customerOptedOut && input.basis !== 'none' && input.basis !== 'express')
    throw new CommandError(
      409,
      'customer_opted_out',
      'basis: the customer unsubscribed themselves; only new express consent with its evidence re-subscribes them',
      'basis',
    );
  const givenOn = input.givenOn ?? at.toISOString().slice(0, 10);
  const row = {
    org_id: scope.orgId,
    customer_id: customer.id,
    channel: input.channel,
    purpose: input.purpose,
    basis: input.basis,
    source: input.source,
    given_on: givenOn,
    evidence: JSON.stringify(evidence),
    recorded_at: at,
  };
  await trx
    .insertInto('customer_consents')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['org_id', 'customer_id', 'channel', 'purpose']).doUpdateSet({
        basis: input.basis,
        source: input.source,
        given_on: givenOn,
        evidence: JSON.stringify(evidence),
        recorded_at: at,
      }),
    )
    .execute();
  await trx
    .insertInto('customer_consent_history')
    .values({ ...row, previous_basis: before?.basis ?? null })
    .execute();
  // Do Not Mail is about mail: new express consent for texts (a texted START) leaves it as it is.
  const resubscribed =
    customerOptedOut && input.basis === 'express' && customer.do_not_mail && input.channel !== 'text';
  if (resubscribed)
    await trx
      .updateTable('customers')
      .set({ do_not_mail: false, do_not_mail_at: null, do_not_mail_source: null, updated_at: at })
      .where('org_id', '=', scope.orgId)
      .where('id', '=', customer.id)
      .execute();
  await audit(
    trx,
    scope,
    'record_consent',
    'customer',
    customer.id,
    {
      [`consent.${input.channel}.${input.purpose}`]: { from: before?.basis ?? null, to: input.basis },
      source: input.source,
      given_on: givenOn,
      evidence,
      ...(resubscribed ? { do_not_mail: { from: true, to: false } } : {}),
    },
    at,
  );
  return { customerId: customer.id, resubscribed };
}

/** One consent of an imported customer row (customers.csv consent_<channel>_<purpose>_basis/_date). */
export interface ImportedConsent {
  customerId: number;
  /** Text only to withdraw (a changed mobile number): a file cannot give consent for texts. */
  channel: 'email' | 'postcard' | 'text';
  purpose: 'service' | 'marketing';
  basis: ConsentBasis;
  givenOn: string | null;
  /** The CSV line: the evidence is the import file and this line. */
  line: number;
  /** Why, added to the evidence (e.g. 'mobile_phone_changed'). */
  reason?: string;
}

export interface ImportedConsentResult {
  customerId: number;
  line: number;
  channel: string;
  purpose: string;
  outcome: 'recorded' | 'unchanged' | 'refused_opted_out';
}

/**
 * The import's set-based form of recordConsent, for a whole batch in one statement: each consent
 * goes to customer_consents (source 'import', evidence {file, line}) and, when it changes the
 * basis or the date, to customer_consent_history and the audit log (actor 'system'); the same
 * consent imported again adds nothing.
 * The opt-out rule of recordConsent holds: a customer who unsubscribed themselves is not put back
 * by a file (a line of a file is not the customer's own word, so even express is refused: staff
 * record it with its evidence instead); withdrawing (basis none) is always taken.
 */
export async function recordImportedConsents(
  trx: Kysely<DB>,
  orgId: number,
  file: string,
  consents: ImportedConsent[],
  now: Date,
): Promise<ImportedConsentResult[]> {
  if (consents.length === 0) return [];
  const col = <K extends keyof ImportedConsent>(k: K) => consents.map((c) => c[k]);
  const rows = await sql<{
    customer_id: string | number;
    line: number;
    channel: string;
    purpose: string;
    refused: boolean;
    changed: boolean;
  }>`
    WITH input AS (
      SELECT i.*, jsonb_build_object('file', ${file}::text, 'line', i.line)
                  || CASE WHEN i.reason IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('reason', i.reason) END AS evidence
      FROM unnest(${col('customerId')}::bigint[], ${col('channel')}::text[], ${col('purpose')}::text[],
                  ${col('basis')}::text[], ${col('givenOn')}::date[], ${col('line')}::int[],
                  ${consents.map((c) => c.reason ?? null)}::text[])
           AS i(customer_id, channel, purpose, basis, given_on, line, reason)),
    decided AS (
      SELECT i.*, cc.basis AS old_basis,
             coalesce(i.basis <> 'none' AND (
               (c.do_not_mail AND c.do_not_mail_source = ANY(${CUSTOMER_OPT_OUT_SOURCES}::text[]))
               OR (cc.basis = 'none' AND cc.source = ANY(${CUSTOMER_WITHDRAWAL_SOURCES}::text[]))), false) AS refused,
             (cc.basis IS DISTINCT FROM i.basis OR cc.given_on IS DISTINCT FROM i.given_on) AS differs
      FROM input i
      JOIN customers c ON c.org_id = ${orgId} AND c.id = i.customer_id
      LEFT JOIN customer_consents cc ON cc.org_id = ${orgId} AND cc.customer_id = i.customer_id
                                    AND cc.channel = i.channel AND cc.purpose = i.purpose),
    changed AS (SELECT * FROM decided WHERE NOT refused AND differs),
    current AS (
      INSERT INTO customer_consents (org_id, customer_id, channel, purpose, basis, source, given_on, evidence, recorded_at)
      SELECT ${orgId}, customer_id, channel, purpose, basis, 'import', given_on, evidence, ${now}::timestamptz
      FROM changed
      ON CONFLICT (org_id, customer_id, channel, purpose) DO UPDATE
        SET basis = excluded.basis, source = excluded.source, given_on = excluded.given_on,
            evidence = excluded.evidence, recorded_at = excluded.recorded_at
      RETURNING customer_id),
    history AS (
      INSERT INTO customer_consent_history (org_id, customer_id, channel, purpose, basis, previous_basis, source, given_on, evidence, recorded_at)
      SELECT ${orgId}, customer_id, channel, purpose, basis, old_basis, 'import', given_on, evidence, ${now}::timestamptz
      FROM changed ORDER BY line, channel, purpose
      RETURNING customer_id),
    audited AS (
      INSERT INTO audit_log (org_id, actor_type, actor_id, action, entity, entity_id, changes, at)
      SELECT ${orgId}, 'system', NULL, 'record_consent', 'customer', customer_id::text,
             jsonb_build_object('consent.' || channel || '.' || purpose, jsonb_build_object('from', old_basis, 'to', basis),
                                'source', 'import', 'given_on', given_on,
                                'evidence', evidence),
             ${now}::timestamptz
      FROM changed ORDER BY line, channel, purpose
      RETURNING id)
    SELECT customer_id, line, channel, purpose, refused, (NOT refused AND differs) AS changed FROM decided
    ORDER BY line, channel, purpose`.execute(trx);
  return rows.rows.map((r) => ({
    customerId: Number(r.customer_id),
    line: r.line,
    channel: r.channel,
    purpose: r.purpose,
    outcome: r.refused ? 'refused_opted_out' : r.changed ? 'recorded' : 'unchanged',
  }));
}
