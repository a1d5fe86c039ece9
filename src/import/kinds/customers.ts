// customers.csv: one row per customer, natural key customer_number. Consent per channel and
// purpose (consent_<email|postcard>_<service|marketing>_basis / _date) goes to the consent
// history with the file and line as its evidence (commands/record-consent.ts).
import { sql } from 'kysely';
import { z } from 'zod';
import { date, e164, email, flag, oneOf, requiredText, text } from '../fields.ts';
import type { KindSpec, Outcome } from '../types.ts';
import { idsByKey, upsertRows } from '../upsert.ts';
import { doNotMailImportSql } from '../../commands/set-do-not-mail.ts';
import { recordImportedConsents, type ImportedConsent } from '../../commands/record-consent.ts';
import { BASES, normalizeBasis, type Basis } from '../../domain/compliance/consent.ts';

/** The consent columns: one basis and one date per channel and purpose. */
export const CONSENT_PAIRS = (['email', 'postcard'] as const).flatMap((channel) =>
  (['service', 'marketing'] as const).map((purpose) => ({
    channel,
    purpose,
    basis: `consent_${channel}_${purpose}_basis` as const,
    date: `consent_${channel}_${purpose}_date` as const,
  })),
);
const consentBasis = () => oneOf([...BASES, 'implied', 'existing_business'] as const);
const consentColumns = Object.fromEntries(
  CONSENT_PAIRS.flatMap((p) => [
    [p.basis, consentBasis()],
    [p.date, date()],
  ]),
) as Record<(typeof CONSENT_PAIRS)[number]['basis'], ReturnType<typeof consentBasis>> &
  Record<(typeof CONSENT_PAIRS)[number]['date'], ReturnType<typeof date>>;

export const customerSchema = z
  .object({
    customer_number: requiredText(40),
    first_name: text(),
    last_name: text(),
    company_name: text(),
    mailing_name: text(),
    language: oneOf(['en', 'fr', 'es'] as const),
    email: email(),
    phone: text(40),
    mobile_phone: e164(),
    address_line1: text(),
    address_line2: text(),
    city: text(),
    region: text(40),
    postal_code: text(20),
    country: text(2).transform((v) => v?.toUpperCase() ?? null),
    birthday: date(),
    do_not_mail: flag(),
    consent_basis: oneOf([
      'express',
      'implied_purchase',
      'implied_inquiry',
      'exempt',
      'none',
      'implied',
      'existing_business',
    ] as const),
    consent_date: date(),
    ...consentColumns,
    sales_rep_email: email(),
  })
  .transform((c, ctx) => {
    for (const p of CONSENT_PAIRS)
      if (c[p.date] !== null && c[p.basis] === null) {
        ctx.addIssue({
          code: 'custom',
          path: [p.date],
          message: `a consent date needs its basis (${p.basis})`,
        });
        return z.NEVER;
      }
    const mailing = c.mailing_name ?? c.company_name ?? [c.first_name, c.last_name].filter(Boolean).join(' ');
    if (!mailing) {
      ctx.addIssue({
        code: 'custom',
        path: ['mailing_name'],
        message: 'is required when first_name, last_name and company_name are all empty',
      });
      return z.NEVER;
    }
    return { ...c, mailing_name: mailing };
  });

export type CustomerRow = z.infer<typeof customerSchema>;

export const customersKind: KindSpec<CustomerRow> = {
  kind: 'customers',
  noun: 'customer',
  keyColumn: 'customer_number',
  columns: [
    { name: 'customer_number', required: true },
    ...[
      'first_name',
      'last_name',
      'company_name',
      'mailing_name',
      'language',
      'email',
      'phone',
      'mobile_phone',
      'address_line1',
      'address_line2',
      'city',
      'region',
      'postal_code',
      'country',
      'birthday',
      'do_not_mail',
      'consent_basis',
      'consent_date',
      ...CONSENT_PAIRS.flatMap((p) => [p.basis, p.date]),
      'sales_rep_email',
    ].map((name) => ({ name, required: false })),
  ],
  schema: customerSchema,
  key: (c) => c.customer_number,
  warn: (c) =>
    c.birthday && c.birthday < '1900-01-01'
      ? [{ column: 'birthday', reason: 'birthday before 1900', value: c.birthday }]
      : [],

  async write(trx, scope, units, warn): Promise<Outcome[]> {
    const rows = units.map((u) => u.rows[0]!);
    const values = rows.map((r) => r.value);
    const repEmails = [
      ...new Set(values.map((v) => v.sales_rep_email).filter((e): e is string => e !== null)),
    ];
    const reps = new Map<string, number>();
    if (repEmails.length) {
      const found = await sql<{ id: number; email: string }>`
        SELECT id, lower(email) AS email FROM users WHERE org_id = ${scope.orgId} AND lower(email) = ANY(${repEmails}::text[])`.execute(
        trx,
      );
      for (const r of found.rows) reps.set(r.email, Number(r.id));
    }
    for (const r of rows) {
      if (r.value.sales_rep_email && !reps.has(r.value.sales_rep_email)) {
        warn({
          line: r.line,
          column: 'sales_rep_email',
          reason: 'no staff user with this e-mail: sales representative left empty',
          value: r.value.sales_rep_email,
        });
      }
    }
    const renumbered = await changedMobileNumbers(trx, scope, rows);
    const dnm = doNotMailImportSql(scope.now);
    const dnmValues = values.map((v) => dnm.insert(v.do_not_mail));
    const col = <K extends keyof CustomerRow>(name: K, type: string) => ({
      name,
      type,
      values: values.map((v) => v[name]),
    });
    const changed = await upsertRows(trx, {
      table: 'customers',
      conflict: ['org_id', 'location_id', 'customer_number'],
      keyColumn: 'customer_number',
      columns: [
        { name: 'org_id', type: 'bigint', values: values.map(() => scope.orgId) },
        { name: 'location_id', type: 'bigint', values: values.map(() => scope.locationId) },
        col('customer_number', 'text'),
        col('first_name', 'text'),
        col('last_name', 'text'),
        col('company_name', 'text'),
        col('mailing_name', 'text'),
        col('language', 'text'),
        col('email', 'text'),
        col('phone', 'text'),
        // An empty cell (or a file without the column) keeps the number staff entered.
        {
          ...col('mobile_phone', 'text'),
          update: sql`coalesce(excluded.mobile_phone, customers.mobile_phone)`,
        },
        col('address_line1', 'text'),
        col('address_line2', 'text'),
        col('city', 'text'),
        col('region', 'text'),
        col('postal_code', 'text'),
        col('country', 'text'),
        col('birthday', 'date'),
        // The one Do Not Mail rule (commands/set-do-not-mail.ts): an import may set it, never lift
        // one the customer or staff asked for; stamped with the import's clock.
        { ...col('do_not_mail', 'boolean'), update: dnm.update.do_not_mail },
        {
          name: 'do_not_mail_source',
          type: 'text',
          values: dnmValues.map((d) => d.do_not_mail_source),
          update: dnm.update.do_not_mail_source,
        },
        {
          name: 'do_not_mail_at',
          type: 'timestamptz',
          values: dnmValues.map((d) => d.do_not_mail_at),
          update: dnm.update.do_not_mail_at,
        },
        col('consent_basis', 'text'),
        col('consent_date', 'date'),
        {
          name: 'sales_rep_user_id',
          type: 'bigint',
          values: values.map((v) => (v.sales_rep_email ? (reps.get(v.sales_rep_email) ?? null) : null)),
        },
      ],
    });
    const consentChanged = await importConsents(trx, scope, rows, warn, renumbered);
    return values.map(
      (v) =>
        changed.get(v.customer_number) ?? (consentChanged.has(v.customer_number) ? 'updated' : 'unchanged'),
    );
  },
};

type Write = KindSpec<CustomerRow>['write'];
interface Renumbered {
  customerId: number;
  line: number;
  customerNumber: string;
  from: string;
  to: string;
  purposes: Array<'service' | 'marketing'>;
}

/**
 * The rows that change a mobile number on file which has consent for texts (a first number where
 * there was none keeps it, as with staff: update-customer.ts). Read before the upsert writes.
 */
async function changedMobileNumbers(
  trx: Parameters<Write>[0],
  scope: Parameters<Write>[1],
  rows: Array<{ line: number; value: CustomerRow }>,
): Promise<Renumbered[]> {
  const incoming = rows.filter((r) => r.value.mobile_phone !== null);
  if (!incoming.length) return [];
  const found = await sql<{ id: number; customer_number: string; mobile_phone: string; purposes: string[] }>`
    SELECT c.id, c.customer_number, c.mobile_phone, array_agg(cc.purpose ORDER BY cc.purpose DESC) AS purposes
    FROM customers c
    JOIN customer_consents cc ON cc.org_id = c.org_id AND cc.customer_id = c.id AND cc.channel = 'text' AND cc.basis <> 'none'
    WHERE c.org_id = ${scope.orgId} AND c.location_id = ${scope.locationId}
      AND c.customer_number = ANY(${incoming.map((r) => r.value.customer_number)}::text[])
      AND c.mobile_phone IS NOT NULL
    GROUP BY c.id, c.customer_number, c.mobile_phone`.execute(trx);
  const byNumber = new Map(found.rows.map((r) => [r.customer_number, r]));
  return incoming.flatMap((r) => {
    const had = byNumber.get(r.value.customer_number);
    if (!had || had.mobile_phone === r.value.mobile_phone) return [];
    return [
      {
        customerId: Number(had.id),
        line: r.line,
        customerNumber: r.value.customer_number,
        from: had.mobile_phone,
        to: r.value.mobile_phone!,
        purposes: had.purposes as Renumbered['purposes'],
      },
    ];
  });
}

/**
 * Records the rows' per-channel consents, and withdraws consent for texts where the row changed
 * the mobile number (consent is given for a number: docs/sms.md); returns the customer numbers
 * whose consent changed.
 */
async function importConsents(
  trx: Parameters<Write>[0],
  scope: Parameters<Write>[1],
  rows: Array<{ line: number; value: CustomerRow }>,
  warn: Parameters<Write>[3],
  renumbered: Renumbered[],
): Promise<Set<string>> {
  const withConsent = rows.filter((r) => CONSENT_PAIRS.some((p) => r.value[p.basis] !== null));
  if (!withConsent.length && !renumbered.length) return new Set();
  const ids = await idsByKey(
    trx,
    'customers',
    'customer_number',
    scope,
    withConsent.map((r) => r.value.customer_number),
  );
  const numberOf = new Map<number, string>();
  const consents: ImportedConsent[] = [];
  for (const r of withConsent) {
    const customerId = ids.get(r.value.customer_number);
    if (customerId === undefined) continue;
    numberOf.set(customerId, r.value.customer_number);
    for (const p of CONSENT_PAIRS) {
      const basis = normalizeBasis(r.value[p.basis]);
      if (basis === null) continue;
      consents.push({
        customerId,
        channel: p.channel,
        purpose: p.purpose,
        basis: basis satisfies Basis,
        givenOn: r.value[p.date],
        line: r.line,
      });
    }
  }
  for (const r of renumbered) {
    numberOf.set(r.customerId, r.customerNumber);
    for (const purpose of r.purposes)
      consents.push({
        customerId: r.customerId,
        channel: 'text',
        purpose,
        basis: 'none',
        givenOn: null,
        line: r.line,
        reason: 'mobile_phone_changed',
      });
    warn({
      line: r.line,
      column: 'mobile_phone',
      reason: `new mobile number (was ${r.from}): consent for texts withdrawn, since it was given for the old number; record the customer's consent for the new one in the customer file`,
      value: r.to,
    });
  }
  const results = await recordImportedConsents(trx, scope.orgId, scope.file, consents, scope.now);
  const changed = new Set<string>();
  for (const r of results) {
    if (r.outcome === 'recorded') changed.add(numberOf.get(r.customerId)!);
    if (r.outcome === 'refused_opted_out')
      warn({
        line: r.line,
        column: `consent_${r.channel}_${r.purpose}_basis`,
        reason:
          'the customer unsubscribed themselves: an import does not put them back (record new express consent with its evidence in the customer file)',
      });
  }
  return changed;
}
