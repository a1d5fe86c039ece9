// DMARC alignment of two mail domains in relaxed mode (what Gmail, Yahoo and Outlook check): they
// align when their organizational domains are the same, the registrable domain under the Public
// Suffix List (tldts): mail.garage.ca and garage.ca align; garage-a.qc.ca and garage-b.qc.ca do not.
import { getDomain } from 'tldts';

export const domainOf = (address: string): string => (address.split('@')[1] ?? '').toLowerCase();

/** The registrable domain (garage.qc.ca for mail.garage.qc.ca); the name itself when it has none. */
export function organizationalDomain(domain: string): string {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return getDomain(d, { allowPrivateDomains: false }) ?? d;
}

export function domainsAlign(a: string, b: string): boolean {
  if (!a || !b) return false;
  return organizationalDomain(a) === organizationalDomain(b);
}
