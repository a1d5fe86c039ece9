// The customer a portal sign-in link is for: the link every customer message carries (60 days)
// and a postcard's QR code (120 days), signed and bound to its purpose (security/signed-links.ts).
import { verifyToken, type Keys } from '../security/keys.ts';
import { linkSigner } from '../security/signed-links.ts';

export interface LinkedCustomer {
  orgId: number;
  customerId: number;
}

/** The customer the token signs in, or null when it is forged, expired or made for another use. */
export function customerOfLink(keys: Keys, token: string, now: Date): LinkedCustomer | null {
  const signer = linkSigner(keys, () => now);
  const p = signer.verify('portalMessage', token) ?? signer.verify('portalPostcard', token);
  if (p) return p.org !== null && p.customer !== null ? { orgId: p.org, customerId: p.customer } : null;
  return legacyCustomerLink(keys, token, now);
}

// Links signed before 2026-12-03 by the portal's own token module: JSON {o, c, p, exp} with
// p = 'pm' (a message, 60 days) or 'pq' (a postcard, 120 days). Mail already sent and cards
// already printed carry them, so they still sign in until they expire; this path can go after
// 2027-04-03. Other JSON tokens of that time (unsubscribe, survey, visitor booking, booking form)
// carry another p or none and are refused.
function legacyCustomerLink(keys: Keys, token: string, now: Date): LinkedCustomer | null {
  if (!token.includes('.')) return null;
  const check = verifyToken<Record<string, unknown>>(keys, token, now);
  if (!check.ok) return null;
  const { o, c, p } = check.payload;
  const id = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
  if ((p !== 'pm' && p !== 'pq') || !id(o) || !id(c)) return null;
  return { orgId: o as number, customerId: c as number };
}
