// A customer edits their own file in the portal: the fields they may change (their mobile number
// too, in E.164 by the one rule of domain/sms/mobile-number.ts), and which messages the shop may
// send them per purpose (service, marketing) and channel (email, postcard, and text when the
// location texts and their mobile number is on file). Fields are audited with the customer as the
// actor; each consent given or withdrawn goes through record-consent (consent history, evidence:
// the portal form, its wording's version and, for texts, the number); and P01 is raised for the
// CRM agent with everything that changed (from → to), in one transaction.
// Consent for texts is for the number it was given for: when the customer adds, changes or
// removes their mobile number, every consent for texts on record (not already withdrawn) is
// recorded withdrawn (`none`, the old and new numbers in the evidence), and the text boxes of that
// same form (shown for the old number, or not at all) are not taken; the page then offers texts
// for the new number, unticked. STOPs and undeliverable marks stay with the number they were for
// (sms_opt_outs is keyed by number): the new number has none, the old one keeps its own.
import type { Kysely, Transaction } from 'kysely';
import type { Customer, DB, Language } from '../../db/schema.ts';
import { audit, diff } from '../../accounts/audit.ts';
import { enqueueCustomerFileChanged } from '../../engine/events/customer-file-changed.ts';
import { localDateTime } from '../../domain/time/dates.ts';
import { PREFERENCES_TEXT_VERSION, pt } from '../../i18n/portal-strings.ts';
import { actingScope, own, type CustomerScope } from '../../portal/customer-scope.ts';
import { PortalInputError, PortalNotFound } from '../../portal/errors.ts';
import { textConsentHold } from '../../domain/sms/text-consent.ts';
import { toE164 } from '../../domain/sms/mobile-number.ts';
import { customerConsentViews } from '../load-customer-consents.ts';
import { CUSTOMER_OPT_OUT_SOURCES, recordConsent } from '../record-consent.ts';

export const FILE_FIELDS = {
  first_name: 100,
  last_name: 100,
  phone: 40,
  /** E.164 once the separators people type are removed (toE164); the form allows them. */
  mobile_phone: 30,
  address_line1: 200,
  address_line2: 200,
  city: 100,
  region: 100,
  postal_code: 20,
} as const;

export type FileField = keyof typeof FILE_FIELDS;

export const PREFERENCE_CHANNELS = ['email', 'postcard'] as const;
export const PREFERENCE_PURPOSES = ['service', 'marketing'] as const;

/**
 * Texts are offered in the portal only when the location sends texts and the customer's mobile
 * number is on file: the consent names the number (TCPA: prior express written consent, for the
 * number it was given for).
 */
export function textsOffered(
  customer: Pick<Customer, 'mobile_phone'>,
  location: { sms_enabled: boolean },
): string | null {
  const mobile = customer.mobile_phone?.trim();
  return location.sms_enabled && mobile ? mobile : null;
}

export interface Preference {
  channel: (typeof PREFERENCE_CHANNELS)[number] | 'text';
  purpose: (typeof PREFERENCE_PURPOSES)[number];
  /** Such messages may go to the customer by that channel. */
  on: boolean;
}

export interface OwnFileInput {
  fields: Partial<Record<FileField, string | null>>;
  language?: Language;
  /** Every purpose × channel, as ticked on the form (absent: the form did not show them); texts
   * only when the form showed them (`prefs_text`). */
  preferences?: Preference[];
}

/** The sources of a consent that is a default, not recorded for the customer (load-customer-consents). */
const DEFAULT_SOURCES = ['customer_default', 'not_needed'];

/** A Do Not Mail the customer set themselves (portal, unsubscribe) is theirs to lift here. */
const OWN_STOP_SOURCES = ['portal', ...CUSTOMER_OPT_OUT_SOURCES];

/** Form values → input, refusing what cannot be stored (the field is named). */
export function parseOwnFileForm(body: Record<string, unknown>): OwnFileInput {
  const fields: OwnFileInput['fields'] = {};
  for (const [name, max] of Object.entries(FILE_FIELDS) as Array<[FileField, number]>) {
    const raw = body[name];
    if (raw === undefined) continue;
    if (typeof raw !== 'string') throw new PortalInputError(name, 'field_invalid');
    const v = raw.replace(/\s+/g, ' ').trim();
    if (name === 'mobile_phone') {
      // Empty removes it; anything else must be a mobile number in E.164 (the API's rule).
      const mobile = v === '' ? null : v.length > max ? null : toE164(v);
      if (v !== '' && mobile === null) throw new PortalInputError(name, 'mobile_phone_invalid');
      fields[name] = mobile;
      continue;
    }
    if (v.length > max) throw new PortalInputError(name, 'field_too_long', { max });
    if (name === 'phone' && v && !/^[+0-9 ().-]{3,40}$/.test(v))
      throw new PortalInputError(name, 'field_invalid');
    fields[name] = v === '' ? null : v;
  }
  const input: OwnFileInput = { fields };
  if (body.language !== undefined) {
    if (body.language !== 'en' && body.language !== 'fr' && body.language !== 'es')
      throw new PortalInputError('language', 'field_invalid');
    input.language = body.language;
  }
  // Checkboxes: a ticked box sends "on", an unticked one nothing; `prefs` says the form had them.
  if (body.prefs !== undefined) {
    input.preferences = [];
    for (const purpose of PREFERENCE_PURPOSES)
      for (const channel of PREFERENCE_CHANNELS) {
        const v = body[`pref_${purpose}_${channel}`];
        if (v !== undefined && v !== 'on') throw new PortalInputError('prefs', 'field_invalid');
        input.preferences.push({ channel, purpose, on: v === 'on' });
      }
    if (body.prefs_text !== undefined)
      for (const purpose of PREFERENCE_PURPOSES) {
        const v = body[`pref_${purpose}_text`];
        if (v !== undefined && v !== 'on') throw new PortalInputError('prefs', 'field_invalid');
        input.preferences.push({ channel: 'text', purpose, on: v === 'on' });
      }
  }
  return input;
}

export interface PreferenceState {
  /** What the form shows ticked. */
  shown: Preference[];
  /** Per `channel/purpose`: the consent as recorded, ignoring a Do Not Mail. */
  consent: Map<string, { on: boolean; basis: string | null }>;
  /** A Do Not Mail the customer set themselves: everything shows unticked. */
  ownStop: boolean;
  /** A Do Not Mail set by the shop: the customer's choices wait until the shop lifts it. */
  shopStop: boolean;
}

/**
 * The customer's preferences as the engine applies them: marketing needs valid consent today.
 * Texts (`withTexts`) as the send worker applies them (textConsentHold): only consent recorded for
 * texts counts (no default), express for marketing texts, any not withdrawn for service ones.
 */
export async function ownPreferences(
  db: Kysely<DB> | Transaction<DB>,
  customer: Customer,
  today: string,
  withTexts = false,
): Promise<PreferenceState> {
  const consents = await customerConsentViews(db, customer.org_id, customer, today);
  const consent = new Map<string, { on: boolean; basis: string | null }>();
  const recordedTexts = consents.flatMap((c) =>
    c.channel === 'text' && c.basis !== null && !DEFAULT_SOURCES.includes(c.source)
      ? [{ purpose: c.purpose as 'service' | 'marketing', basis: c.basis }]
      : [],
  );
  for (const c of consents)
    consent.set(
      `${c.channel}/${c.purpose}`,
      c.channel === 'text'
        ? {
            basis: recordedTexts.find((r) => r.purpose === c.purpose)?.basis ?? null,
            on: textConsentHold(c.purpose as 'service' | 'marketing', recordedTexts) === null,
          }
        : { basis: c.basis, on: c.purpose === 'service' ? c.basis !== 'none' : c.hold_reason === null },
    );
  const ownStop = customer.do_not_mail && OWN_STOP_SOURCES.includes(customer.do_not_mail_source ?? '');
  const shown: Preference[] = [];
  for (const purpose of PREFERENCE_PURPOSES)
    for (const channel of [...PREFERENCE_CHANNELS, ...(withTexts ? (['text'] as const) : [])])
      shown.push({ channel, purpose, on: !ownStop && consent.get(`${channel}/${purpose}`)!.on });
  return { shown, consent, ownStop, shopStop: customer.do_not_mail && !ownStop };
}

export async function updateOwnFile(
  trx: Transaction<DB>,
  cs: CustomerScope,
  input: OwnFileInput,
  now: Date,
): Promise<{ changes: Record<string, { from: unknown; to: unknown }> }> {
  const mine = own(trx, cs);
  const before = await trx
    .selectFrom('customers')
    .selectAll()
    .where('org_id', '=', cs.orgId)
    .where('id', '=', cs.customerId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw new PortalNotFound('Customer');
  const location = await mine.location();
  const today = localDateTime(now, location.time_zone).date;
  const next: Record<string, unknown> = { ...input.fields };
  if (input.language) next.language = input.language;
  const nameChanged =
    ('first_name' in next && next.first_name !== before.first_name) ||
    ('last_name' in next && next.last_name !== before.last_name);
  if (nameChanged && !before.company_name) {
    const first = 'first_name' in next ? next.first_name : before.first_name;
    const last = 'last_name' in next ? next.last_name : before.last_name;
    const mailing = [first, last].filter(Boolean).join(' ');
    if (mailing) next.mailing_name = mailing;
  }

  // A new mobile number (added, changed or removed): consent for texts given for the old one ends.
  const mobileChanged =
    'mobile_phone' in input.fields && (input.fields.mobile_phone ?? null) !== (before.mobile_phone ?? null);

  // Preferences: ticking anything lifts the customer's own Do Not Mail; then each purpose ×
  // channel whose choice differs from the consent on record is recorded (express or none).
  const consentChanges: Record<string, { from: unknown; to: unknown }> = {};
  const toRecord: Preference[] = [];
  // Text choices count only where the form could offer them (texts on, a mobile number on file),
  // and only for the number the form named: not when this same form changes the number.
  const mobile = textsOffered(before, location);
  const preferences = input.preferences?.filter(
    (p) => p.channel !== 'text' || (mobile !== null && !mobileChanged),
  );
  if (preferences) {
    const state = await ownPreferences(trx, before, today, mobile !== null);
    const lift = state.ownStop && preferences.some((p) => p.on);
    if (lift) next.do_not_mail = false;
    if (!state.ownStop || lift)
      for (const p of preferences) {
        const current = state.consent.get(`${p.channel}/${p.purpose}`)!;
        if (p.on === current.on) continue;
        toRecord.push(p);
        consentChanges[`consent.${p.channel}.${p.purpose}`] = {
          from: current.basis,
          to: p.on ? 'express' : 'none',
        };
      }
  }

  // Consent for texts on record for the old number, withdrawn (the customer's own change); a
  // first number keeps what staff recorded with it.
  const withdrawn =
    mobileChanged && before.mobile_phone
      ? await mine
          .consents()
          .select(['customer_consents.purpose', 'customer_consents.basis'])
          .where('customer_consents.channel', '=', 'text')
          .where('customer_consents.basis', '!=', 'none')
          .orderBy('customer_consents.purpose', 'desc') // service, then marketing
          .execute()
      : [];
  for (const w of withdrawn) consentChanges[`consent.text.${w.purpose}`] = { from: w.basis, to: 'none' };

  const fieldChanges = diff(before, next);
  if (Object.keys(fieldChanges).length > 0) {
    const lifted = 'do_not_mail' in fieldChanges ? { do_not_mail_at: null, do_not_mail_source: null } : {};
    await trx
      .updateTable('customers')
      .set({ ...next, ...lifted, updated_at: now })
      .where('org_id', '=', cs.orgId)
      .where('id', '=', cs.customerId)
      .execute();
    await audit(trx, actingScope(cs), 'update', 'customer', cs.customerId, fieldChanges, now);
  }
  const language = before.language ?? location.language; // the form's, as the customer read it
  for (const p of toRecord)
    await recordConsent(
      trx,
      actingScope(cs),
      {
        customerId: cs.customerId,
        channel: p.channel,
        purpose: p.purpose,
        basis: p.on ? 'express' : 'none',
        givenOn: today,
        evidence: {
          form: 'portal_file',
          text_version: PREFERENCES_TEXT_VERSION,
          language,
          // For texts, the wording the customer agreed to names the number it is for.
          text: [
            pt(language, 'prefs_consent', { business: location.business_name ?? location.name }),
            ...(p.channel === 'text'
              ? [
                  pt(language, 'prefs_text_consent', {
                    business: location.business_name ?? location.name,
                    mobile: mobile ?? '',
                  }),
                ]
              : []),
          ].join(' '),
          ...(p.channel === 'text' ? { phone: mobile } : {}),
        },
        source: 'portal',
      },
      () => now,
    );
  for (const w of withdrawn)
    await recordConsent(
      trx,
      actingScope(cs),
      {
        customerId: cs.customerId,
        channel: 'text',
        purpose: w.purpose,
        basis: 'none',
        givenOn: today,
        evidence: {
          form: 'portal_file',
          text_version: PREFERENCES_TEXT_VERSION,
          language,
          // What the page told the customer next to the number they changed.
          text: pt(language, 'mobile_phone_consent'),
          reason: 'mobile_phone_changed',
          phone: before.mobile_phone,
          new_phone: next.mobile_phone ?? null,
        },
        source: 'portal',
      },
      () => now,
    );
  const changes = { ...fieldChanges, ...consentChanges };
  if (Object.keys(changes).length > 0)
    await enqueueCustomerFileChanged(trx, cs.orgId, cs.customerId, changes, now);
  return { changes };
}
