// CASL consent: the bases, the expiry each implies, and whether a marketing message may go on a
// day. The same rules run in SQL (consent_expires_on, consent_hold_reason: migration 0730); a
// test checks both agree.
export const BASES = ['express', 'implied_purchase', 'implied_inquiry', 'exempt', 'none'] as const;
export type Basis = (typeof BASES)[number];
export const CHANNELS = ['email', 'postcard', 'text'] as const;
export type ConsentChannel = (typeof CHANNELS)[number];
export const PURPOSES = ['service', 'marketing'] as const;

/** Older spellings still accepted from imports and the contact card. */
export function normalizeBasis(basis: string | null | undefined): Basis | null {
  if (basis == null || basis === '') return null;
  if (basis === 'implied' || basis === 'existing_business') return 'implied_purchase';
  return basis as Basis;
}

const addMonths = (day: string, months: number): string => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
};

const later = (a: string | null, b: string | null) => (a == null ? b : b == null ? a : a > b ? a : b);

/** The first day without consent; null when it never expires (or there is none). */
export function consentExpiresOn(
  basis: string | null,
  givenOn: string | null,
  lastVisitOn: string | null,
): string | null {
  const b = normalizeBasis(basis);
  if (b === 'implied_purchase') {
    const from = later(givenOn, lastVisitOn);
    return from ? addMonths(from, 24) : null;
  }
  if (b === 'implied_inquiry') return givenOn ? addMonths(givenOn, 6) : null;
  return null;
}

/** Why a marketing message may not go on `day`, or null when it may. */
export function consentHoldReason(
  basis: string | null,
  givenOn: string | null,
  lastVisitOn: string | null,
  day: string,
): 'no_consent' | 'consent_expired' | null {
  const b = normalizeBasis(basis);
  if (b == null || b === 'none') return 'no_consent';
  if (b === 'express' || b === 'exempt') return null;
  if ((givenOn ?? lastVisitOn) == null) return 'no_consent';
  const expires = consentExpiresOn(b, givenOn, lastVisitOn);
  return expires != null && expires <= day ? 'consent_expired' : null;
}
