// Customer contact card: fields staff may write, and the JSON shape returned.
import { z } from 'zod';
import type { Customer } from '../../../db/schema.ts';
import { bodyId, dateStr, e164, iso, language, nullableText, text } from '../schemas.ts';

export const customerFields = {
  customer_number: text(50).min(1),
  first_name: nullableText(100).optional(),
  last_name: nullableText(100).optional(),
  company_name: nullableText(200).optional(),
  mailing_name: text(200).min(1),
  language: language.nullable().optional(),
  email: z.email().max(320).nullable().optional(),
  phone: nullableText(40).optional(),
  /** E.164; texts go to this number (with the customer's text consent). */
  mobile_phone: e164.nullable().optional(),
  address_line1: nullableText(200).optional(),
  address_line2: nullableText(200).optional(),
  city: nullableText(100).optional(),
  region: nullableText(100).optional(),
  postal_code: nullableText(20).optional(),
  country: nullableText(2).optional(),
  birthday: dateStr.nullable().optional(),
  do_not_mail: z.boolean().optional(),
  consent_basis: z
    .enum([
      'express',
      'implied_purchase',
      'implied_inquiry',
      'exempt',
      'none',
      'implied',
      'existing_business',
    ])
    .nullable()
    .optional(),
  consent_date: dateStr.nullable().optional(),
  sales_rep_user_id: bodyId.nullable().optional(),
  deceased: z.boolean().optional(),
};

export const createCustomerBody = z.strictObject({ location_id: bodyId, ...customerFields });
export const updateCustomerBody = z.strictObject(customerFields).partial();

export const customerOut = z.object({
  id: z.number(),
  location_id: z.number(),
  customer_number: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  company_name: z.string().nullable(),
  mailing_name: z.string(),
  language: z.string().nullable(),
  email: z.string().nullable(),
  email_status: z.string(),
  phone: z.string().nullable(),
  mobile_phone: z.string().nullable(),
  address_line1: z.string().nullable(),
  address_line2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postal_code: z.string().nullable(),
  country: z.string().nullable(),
  birthday: z.string().nullable(),
  do_not_mail: z.boolean(),
  do_not_mail_at: z.string().nullable(),
  do_not_mail_source: z.string().nullable(),
  consent_basis: z.string().nullable(),
  consent_date: z.string().nullable(),
  sales_rep_user_id: z.number().nullable(),
  deceased: z.boolean(),
  last_visit_on: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export function presentCustomer(c: Customer): z.input<typeof customerOut> {
  const { org_id: _org, ...rest } = c;
  return {
    ...rest,
    do_not_mail_at: iso(c.do_not_mail_at),
    created_at: iso(c.created_at)!,
    updated_at: iso(c.updated_at)!,
  };
}

export const exampleCustomer = {
  customer_number: 'C-1042',
  first_name: 'Marie',
  last_name: 'Gagnon',
  mailing_name: 'Marie Gagnon',
  language: 'fr',
  email: 'marie@example.test',
  consent_basis: 'express',
  consent_date: '2025-03-01',
} as const;
