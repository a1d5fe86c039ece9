// customers.csv: one row per customer, natural key customer_number.
import { sql } from 'kysely';
import { z } from 'zod';
import { date, email, flag, oneOf, requiredText, text } from '../fields.ts';
import type { KindSpec, Outcome } from '../types.ts';
import { upsertRows } from '../upsert.ts';

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
    address_line1: text(),
    address_line2: text(),
    city: text(),
    region: text(40),
    postal_code: text(20),
    country: text(2).transform((v) => v?.toUpperCase() ?? null),
    birthday: date(),
    do_not_mail: flag(),
    consent_basis: oneOf(['express', 'implied', 'existing_business', 'none'] as const),
    consent_date: date(),
    sales_rep_email: email(),
  })
  .transform((c, ctx) => {
    const mailing = c.mailing_name ?? c.company_name ?? [c.first_name, c.last_name].filter(Boolean).join(' ');
    if (!mailing) {
      ctx.addIssue({ code: 'custom', path: ['mailing_name'], message: 'is required when first_name, last_name and company_name are all empty' });
      return z.NEVER;
    }
    return { ...c, mailing_name: mailing };
  });

export type CustomerRow = z.infer<typeof customerSchema>;

const EXTERNAL_DNM = sql`coalesce(customers.do_not_mail_source IN ('unsubscribe_link', 'list_unsubscribe', 'staff'), false)`;

export const customersKind: KindSpec<CustomerRow> = {
  kind: 'customers',
  noun: 'customer',
  keyColumn: 'customer_number',
  columns: [
    { name: 'customer_number', required: true },
    ...['first_name', 'last_name', 'company_name', 'mailing_name', 'language', 'email', 'phone', 'address_line1', 'address_line2', 'city',
      'region', 'postal_code', 'country', 'birthday', 'do_not_mail', 'consent_basis', 'consent_date', 'sales_rep_email'].map((name) => ({ name, required: false })),
  ],
  schema: customerSchema,
  key: (c) => c.customer_number,
  warn: (c) => (c.birthday && c.birthday < '1900-01-01' ? [{ column: 'birthday', reason: 'birthday before 1900', value: c.birthday }] : []),

  async write(trx, scope, units, warn): Promise<Outcome[]> {
    const rows = units.map((u) => u.rows[0]!);
    const values = rows.map((r) => r.value);
    const repEmails = [...new Set(values.map((v) => v.sales_rep_email).filter((e): e is string => e !== null))];
    const reps = new Map<string, number>();
    if (repEmails.length) {
      const found = await sql<{ id: number; email: string }>`
        SELECT id, lower(email) AS email FROM users WHERE org_id = ${scope.orgId} AND lower(email) = ANY(${repEmails}::text[])`.execute(trx);
      for (const r of found.rows) reps.set(r.email, Number(r.id));
    }
    for (const r of rows) {
      if (r.value.sales_rep_email && !reps.has(r.value.sales_rep_email)) {
        warn({ line: r.line, column: 'sales_rep_email', reason: 'no staff user with this e-mail: sales representative left empty', value: r.value.sales_rep_email });
      }
    }
    const col = <K extends keyof CustomerRow>(name: K, type: string) => ({ name, type, values: values.map((v) => v[name]) });
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
        col('address_line1', 'text'),
        col('address_line2', 'text'),
        col('city', 'text'),
        col('region', 'text'),
        col('postal_code', 'text'),
        col('country', 'text'),
        col('birthday', 'date'),
        // The import may set Do Not Mail, never lift one the customer or staff asked for.
        { ...col('do_not_mail', 'boolean'), update: sql`CASE WHEN ${EXTERNAL_DNM} AND customers.do_not_mail THEN true ELSE excluded.do_not_mail END` },
        {
          name: 'do_not_mail_source', type: 'text', values: values.map((v) => (v.do_not_mail ? 'import' : null)),
          update: sql`CASE WHEN ${EXTERNAL_DNM} AND customers.do_not_mail THEN customers.do_not_mail_source ELSE excluded.do_not_mail_source END`,
        },
        {
          name: 'do_not_mail_at', type: 'timestamptz', values: values.map((v) => (v.do_not_mail ? new Date().toISOString() : null)),
          update: sql`CASE WHEN customers.do_not_mail = (${EXTERNAL_DNM} AND customers.do_not_mail OR excluded.do_not_mail) THEN customers.do_not_mail_at ELSE excluded.do_not_mail_at END`,
        },
        col('consent_basis', 'text'),
        col('consent_date', 'date'),
        { name: 'sales_rep_user_id', type: 'bigint', values: values.map((v) => (v.sales_rep_email ? (reps.get(v.sales_rep_email) ?? null) : null)) },
      ],
    });
    return values.map((v) => changed.get(v.customer_number) ?? 'unchanged');
  },
};
