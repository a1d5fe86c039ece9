// Consent for texts (channel 'text' of customer_consents, recorded with its evidence): the TCPA
// asks prior express written consent for marketing texts, and prior express consent for
// informational (service) ones. So a marketing text needs express consent for marketing texts; a
// service text needs any consent for texts that is not withdrawn (basis none: the customer texted
// STOP or staff recorded a refusal), for either purpose.
import type { Purpose } from '../compliance/purpose.ts';

export interface TextConsent {
  purpose: 'service' | 'marketing';
  basis: string;
}

export function textConsentHold(
  purpose: Purpose,
  consents: readonly TextConsent[],
): 'no_text_consent' | null {
  const of = (p: string) => consents.find((c) => c.purpose === p)?.basis ?? null;
  if (purpose === 'marketing') return of('marketing') === 'express' ? null : 'no_text_consent';
  const service = of('service');
  if (service === 'none') return 'no_text_consent';
  if (service !== null) return null;
  const marketing = of('marketing');
  return marketing !== null && marketing !== 'none' ? null : 'no_text_consent';
}
