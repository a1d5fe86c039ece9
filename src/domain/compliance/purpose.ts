// What each message kind is for, as CASL sees it (docs/compliance.md has the table and why).
// Service messages (about an appointment, a visit or a recall the customer has) need no consent;
// marketing messages need valid consent on their day, or they are held (no_consent,
// consent_expired). Both still identify the sender and carry an unsubscribe.
export type Purpose = 'service' | 'marketing';

export const KIND_PURPOSE: Record<string, { purpose: Purpose; why: string }> = {
  REMINDER_1: {
    purpose: 'marketing',
    why: 'a suggested next visit invites a new sale; about a booked appointment it is service (see below)',
  },
  REMINDER_2: { purpose: 'marketing', why: 'as REMINDER_1' },
  NO_SHOW: { purpose: 'service', why: 'about an appointment the customer booked' },
  THANK_YOU: { purpose: 'service', why: 'completes a transaction the customer made (invoice)' },
  DEFERRED: { purpose: 'marketing', why: 'offers work the customer declined: a new sale' },
  INACTIVE: { purpose: 'marketing', why: 'invites a customer back' },
  V01: { purpose: 'marketing', why: 'invites to the portal, promotes the shop' },
  V02: { purpose: 'marketing', why: 'birthday greeting, relationship marketing' },
  E01: { purpose: 'service', why: "maker's maintenance due on the customer's vehicle (safety, warranty)" },
  E02: { purpose: 'service', why: 'repeats E01' },
  E03: { purpose: 'service', why: 'survey about a visit the customer made' },
  REVIEW: {
    purpose: 'service',
    why: 'asks for a review of a visit the customer made; offers nothing for sale (as E03)',
  },
  E04: { purpose: 'service', why: 'reminder of an appointment the customer booked' },
  E05: { purpose: 'service', why: 'confirms an appointment the customer requested' },
  E07: { purpose: 'marketing', why: 'the active promotion' },
  CAMPAIGN: { purpose: 'marketing', why: 'a one-off offer or news to a segment of customers' },
};

/** REMINDER_x about a booked appointment is service; otherwise the kind's purpose. */
export function purposeOf(kind: string, appointmentId: number | null): Purpose {
  if ((kind === 'REMINDER_1' || kind === 'REMINDER_2') && appointmentId != null) return 'service';
  return KIND_PURPOSE[kind]?.purpose ?? 'service';
}

const MARKETING = Object.entries(KIND_PURPOSE)
  .filter(([, p]) => p.purpose === 'marketing')
  .map(([k]) => `'${k}'`)
  .join(', ');

/** The same as purposeOf in SQL, for alias `m` with kind and appointment_id columns. */
export const purposeSql = (m: string) =>
  `CASE WHEN ${m}.kind IN ('REMINDER_1', 'REMINDER_2') AND ${m}.appointment_id IS NOT NULL THEN 'service'
        WHEN ${m}.kind IN (${MARKETING}) THEN 'marketing' ELSE 'service' END`;
