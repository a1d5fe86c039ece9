// Channel choice for a customer message, as a pure function. The daily run does the same in
// SQL (src/engine/sql/channel.ts); a test checks that both agree.
// Order: a hold (deceased, Do Not Mail, no consent, vehicle gone) wins; then email when usable;
// then a postcard when the location has postcards on, the rule has postcard days and there is
// an address; otherwise nothing, with the reason, so statistics can list it.

export type ChosenChannel = 'email' | 'postcard' | 'none';

export interface ChannelInput {
  deceased: boolean;
  doNotMail: boolean;
  /** NULL (unknown, e.g. imported without it) counts as an existing business relationship. */
  consentBasis: 'express' | 'implied' | 'existing_business' | 'none' | null;
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
  if (i.consentBasis === 'none') return 'no_consent';
  if (i.vehicleStatus === 'sold') return 'vehicle_sold';
  if (i.vehicleStatus === 'scrapped') return 'vehicle_scrapped';
  return null;
}

export function chooseChannel(i: ChannelInput): ChannelChoice {
  const emailOk = i.locationEmailEnabled && i.emailStatus === 'ok' && filled(i.email);
  const postOk = i.locationPostcardsEnabled && i.postcardDays > 0 && filled(i.addressLine1) && filled(i.postalCode);
  const wouldBe: ChosenChannel = emailOk ? 'email' : postOk ? 'postcard' : 'none';
  const hold = holdReason(i);
  if (hold) return { wouldBe, channel: 'none', reason: hold };
  if (wouldBe !== 'none') return { wouldBe, channel: wouldBe, reason: null };
  return { wouldBe, channel: 'none', reason: noChannelReason(i) };
}

function noChannelReason(i: ChannelInput): string {
  if (filled(i.email) && i.emailStatus === 'hard_bounced') return 'hard_bounced';
  if (filled(i.email) && i.emailStatus === 'invalid') return 'email_invalid';
  if (!i.locationPostcardsEnabled) return filled(i.email) ? 'email_off' : 'no_email';
  if (i.postcardDays <= 0) return 'no_email_postcard_rule_off';
  return 'no_address';
}

/** The day setting that applies: the channel's own; for a message that goes nowhere, email's when on, else postcard's. */
export function effectiveDays(wouldBe: ChosenChannel, emailDays: number, postcardDays: number): number {
  if (wouldBe === 'email') return emailDays;
  if (wouldBe === 'postcard') return postcardDays;
  return emailDays > 0 ? emailDays : postcardDays;
}
