// Channel choice for a customer message, as a pure function. The daily run does the same in
// SQL (src/engine/sql/channel.ts); a test checks that both agree.
// Order: a hold (deceased, Do Not Mail, vehicle gone) wins; then the first usable channel in the
// kind's order at the location (by default email, text, postcard): email when usable, a text
// when one may go (textHold of src/domain/sms/text-usable.ts), a postcard when the location has postcards on, the rule has postcard
// days and there is an address; otherwise nothing, with the reason, so statistics can list it.
// A marketing message that would go out needs valid consent on its day (no_consent,
// consent_expired).
import { consentHoldReason } from '../compliance/consent.ts';
import type { Purpose } from '../compliance/purpose.ts';
import { textHold, type TextFacts } from '../sms/text-usable.ts';

export type ChosenChannel = 'email' | 'sms' | 'postcard' | 'none';

export interface ChannelInput {
  deceased: boolean;
  doNotMail: boolean;
  /** Blank (NULL) is no consent. Only marketing messages need consent. */
  consentBasis: string | null;
  consentDate?: string | null;
  lastVisitOn?: string | null;
  /** What the message is for (src/domain/compliance/purpose.ts); service when absent. */
  purpose?: Purpose;
  /** The message's day (consent must be valid on it). */
  day?: string;
  email: string | null;
  emailStatus: 'ok' | 'hard_bounced' | 'invalid';
  addressLine1: string | null;
  postalCode: string | null;
  locationEmailEnabled: boolean;
  locationPostcardsEnabled: boolean;
  /** The rule's postcard day setting (0 = no postcards for this kind). */
  postcardDays: number;
  /** Status of the vehicle the message is about, when it is about one. */
  vehicleStatus?: 'active' | 'sold' | 'scrapped' | null;
  /**
   * What decides whether a text may go (src/domain/sms/text-usable.ts, the SQL's textOk): texts on
   * at the location and for the kind, the mobile number, a STOP from it, the consents for texts
   * (read for the message's purpose). No text when absent.
   */
  text?: TextFacts;
  /** The kind's channel order at the location (1 first); by default email 1, text 2, postcard 3. */
  ranks?: { email: number; sms: number; postcard: number };
}

export interface ChannelChoice {
  /** The channel the customer would get if nothing held the message back: picks the day setting. */
  wouldBe: ChosenChannel;
  channel: ChosenChannel;
  reason: string | null;
}

const filled = (s: string | null | undefined) => s != null && s.trim() !== '';

export function holdReason(i: ChannelInput): string | null {
  if (i.deceased) return 'deceased';
  if (i.doNotMail) return 'do_not_mail';
  if (i.vehicleStatus === 'sold') return 'vehicle_sold';
  if (i.vehicleStatus === 'scrapped') return 'vehicle_scrapped';
  return null;
}

export function chooseChannel(i: ChannelInput): ChannelChoice {
  const emailOk = i.locationEmailEnabled && i.emailStatus === 'ok' && filled(i.email);
  const postOk =
    i.locationPostcardsEnabled && i.postcardDays > 0 && filled(i.addressLine1) && filled(i.postalCode);
  const textOk = i.text ? textHold(i.text, i.purpose ?? 'service') === null : false;
  const r = i.ranks ?? { email: 1, sms: 2, postcard: 3 };
  // A channel wins when it is usable and ranked before every other usable one (as the SQL reads).
  const wouldBe: ChosenChannel =
    emailOk && (!textOk || r.email < r.sms) && (!postOk || r.email < r.postcard)
      ? 'email'
      : textOk && (!postOk || r.sms < r.postcard)
        ? 'sms'
        : postOk
          ? 'postcard'
          : 'none';
  const hold = holdReason(i);
  if (hold) return { wouldBe, channel: 'none', reason: hold };
  if (wouldBe !== 'none') {
    const consent =
      i.purpose === 'marketing'
        ? consentHoldReason(i.consentBasis, i.consentDate ?? null, i.lastVisitOn ?? null, i.day ?? '')
        : null;
    return consent
      ? { wouldBe, channel: 'none', reason: consent }
      : { wouldBe, channel: wouldBe, reason: null };
  }
  return { wouldBe, channel: 'none', reason: noChannelReason(i) };
}

function noChannelReason(i: ChannelInput): string {
  if (filled(i.email) && i.emailStatus === 'hard_bounced') return 'hard_bounced';
  if (filled(i.email) && i.emailStatus === 'invalid') return 'email_invalid';
  if (!i.locationPostcardsEnabled) return filled(i.email) ? 'email_off' : 'no_email';
  if (i.postcardDays <= 0) return 'no_email_postcard_rule_off';
  return 'no_address';
}

/**
 * The day setting that applies: the channel's own; for a message that goes nowhere, email's when
 * on, else postcard's.
 */
export function effectiveDays(
  wouldBe: ChosenChannel,
  emailDays: number,
  postcardDays: number,
  smsDays = 0,
): number {
  if (wouldBe === 'email') return emailDays;
  if (wouldBe === 'sms') return smsDays;
  if (wouldBe === 'postcard') return postcardDays;
  return emailDays > 0 ? emailDays : postcardDays;
}
