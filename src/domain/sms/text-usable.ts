// Whether a text may go to a customer for a message of some purpose, as a pure function of the
// facts the daily run's SQL reads (src/engine/sql/channel.ts, textOk): texts on at the location
// and for the kind (its text rule's days), a mobile number, no STOP (or undeliverable mark) from
// it to the location, and consent for texts (text-consent.ts, the very function the send worker
// applies). chooseChannel uses it, so the pure channel choice, the daily run and the worker read
// one rule; delivery-rules.test.ts checks the SQL against it.
import type { Purpose } from '../compliance/purpose.ts';
import { textConsentHold, type TextConsent } from './text-consent.ts';

export interface TextFacts {
  /** Texts switched on for the location (locations.sms_enabled). */
  locationTextsEnabled: boolean;
  /** The kind's text rule at the location, in days (0: the kind is not sent by text). */
  smsDays: number;
  mobilePhone: string | null;
  /** The number texted STOP to the location, or is marked undeliverable there (sms_opt_outs). */
  stopped: boolean;
  /** The customer's consents for texts as recorded (customer_consents, channel text): no default. */
  consents: readonly TextConsent[];
}

export type TextHold = 'texts_off' | 'no_mobile_phone' | 'text_opted_out' | 'no_text_consent';

/** Why no text may go (in the order the SQL tests), or null when one may. */
export function textHold(f: TextFacts, purpose: Purpose): TextHold | null {
  if (!f.locationTextsEnabled || f.smsDays <= 0) return 'texts_off';
  if (!f.mobilePhone?.trim()) return 'no_mobile_phone';
  if (f.stopped) return 'text_opted_out';
  return textConsentHold(purpose, f.consents);
}
