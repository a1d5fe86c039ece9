// CASL and CAN-SPAM: every message identifies its sender: the business name, a mailing address
// and a contact (phone or email). A location whose General settings lack one of them sends
// nothing (its messages are held with reason no_identification) until they are filled in.
export type IdentificationPart = 'business_name' | 'mailing_address' | 'contact';

export interface LocationIdentity {
  business_name: string | null;
  address_line1: string | null;
  city: string | null;
  postal_code: string | null;
  business_phone: string | null;
  business_email: string | null;
}

const filled = (v: string | null | undefined) => (v ?? '').trim() !== '';

/** What the location lacks to identify itself; empty when it may send. */
export function missingIdentification(l: LocationIdentity): IdentificationPart[] {
  const missing: IdentificationPart[] = [];
  if (!filled(l.business_name)) missing.push('business_name');
  if (!filled(l.address_line1) || !filled(l.city) || !filled(l.postal_code)) missing.push('mailing_address');
  if (!filled(l.business_phone) && !filled(l.business_email)) missing.push('contact');
  return missing;
}

const f = (col: string) => `coalesce(btrim(${col}), '') <> ''`;

/** The same in SQL for locations alias `l`: a text[] of the missing parts (empty when complete). */
export const missingIdentificationSql = (l: string) =>
  `array_remove(ARRAY[
     CASE WHEN NOT ${f(`${l}.business_name`)} THEN 'business_name' END,
     CASE WHEN NOT (${f(`${l}.address_line1`)} AND ${f(`${l}.city`)} AND ${f(`${l}.postal_code`)}) THEN 'mailing_address' END,
     CASE WHEN NOT (${f(`${l}.business_phone`)} OR ${f(`${l}.business_email`)}) THEN 'contact' END]::text[], NULL)`;
