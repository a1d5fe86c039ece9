// GET/POST /portal/file: the customer's own details (their mobile number too), and which messages
// the shop may send them per purpose and channel. A change is saved, audited (consents in their
// history, with the form's wording as evidence), and raised to the CRM agent as P01
// (commands/portal/update-own-file.ts). A new mobile number withdraws consent for texts given for
// the old one: the page says so beside the number, and after the save asks for a fresh tick.
import type { Customer, Language } from '../../db/schema.ts';
import { pt, type PortalKey } from '../../i18n/portal-strings.ts';
import {
  FILE_FIELDS,
  ownPreferences,
  textsOffered,
  parseOwnFileForm,
  updateOwnFile,
} from '../../commands/portal/update-own-file.ts';
import { localDateTime } from '../../domain/time/dates.ts';
import { PortalInputError } from '../../portal/errors.ts';
import { portalRoute, type SignedInCall } from './define.ts';

const INPUTS: Array<{
  name: keyof typeof FILE_FIELDS;
  type: string;
  autocomplete: string;
  inputmode?: string;
}> = [
  { name: 'first_name', type: 'text', autocomplete: 'given-name' },
  { name: 'last_name', type: 'text', autocomplete: 'family-name' },
  { name: 'phone', type: 'tel', autocomplete: 'tel' },
  { name: 'mobile_phone', type: 'tel', autocomplete: 'mobile tel', inputmode: 'tel' },
  { name: 'address_line1', type: 'text', autocomplete: 'address-line1' },
  { name: 'address_line2', type: 'text', autocomplete: 'address-line2' },
  { name: 'city', type: 'text', autocomplete: 'address-level2' },
  { name: 'region', type: 'text', autocomplete: 'address-level1' },
  { name: 'postal_code', type: 'text', autocomplete: 'postal-code' },
];

async function filePage(
  c: SignedInCall,
  customer: Customer,
  state: { notice?: string; error?: string; invalid?: string; values?: Record<string, unknown> } = {},
  status = 200,
) {
  const l: Language = c.language;
  const business = c.location.business_name ?? c.location.name;
  const mobile = textsOffered(customer, c.location);
  const prefs = await ownPreferences(
    c.ctx.db,
    customer,
    localDateTime(c.now, c.location.time_zone).date,
    mobile !== null,
  );
  const ticked = (purpose: string, channel: string) =>
    state.values
      ? state.values[`pref_${purpose}_${channel}`] === 'on'
      : prefs.shown.some((p) => p.purpose === purpose && p.channel === channel && p.on);
  const value = (name: string) =>
    state.values && typeof state.values[name] === 'string'
      ? (state.values[name] as string)
      : ((customer[name as keyof Customer] as string | null) ?? '');
  return {
    view: 'file',
    title: pt(l, 'file_title'),
    status,
    data: {
      business,
      notice: state.notice,
      error: state.error,
      fields: INPUTS.map((f) => ({
        ...f,
        label: pt(l, f.name as PortalKey),
        value: value(f.name),
        max: FILE_FIELDS[f.name],
        invalid: state.invalid === f.name,
        // The mobile number: how to write it, and (where the shop texts) what changing it does.
        hints:
          f.name === 'mobile_phone'
            ? [pt(l, 'mobile_phone_hint'), ...(c.location.sms_enabled ? [pt(l, 'mobile_phone_consent')] : [])]
            : [],
      })),
      customerLanguage: customer.language ?? c.location.language,
      prefs: {
        title: pt(l, 'prefs_title', { business }),
        consent: pt(l, 'prefs_consent', { business }),
        shopStop: prefs.shopStop ? pt(l, 'prefs_staff_stop', { business }) : undefined,
        textConsent: mobile ? pt(l, 'prefs_text_consent', { business, mobile }) : undefined,
        purposes: (['service', 'marketing'] as const).map((purpose) => ({
          purpose,
          label: pt(l, `pref_${purpose}`),
          channels: (mobile
            ? (['email', 'postcard', 'text'] as const)
            : (['email', 'postcard'] as const)
          ).map((channel) => ({
            name: `pref_${purpose}_${channel}`,
            label: pt(l, `channel_${channel}`),
            checked: ticked(purpose, channel),
          })),
        })),
      },
    },
  };
}

export const fileRoute = portalRoute({
  method: 'GET',
  path: '/portal/file',
  signedIn: true,
  async handle(c) {
    // After a new mobile number, where the shop texts: texts to it wait for a fresh tick.
    const mobile = textsOffered(c.customer, c.location);
    const notice =
      c.query.saved === 'mobile' && mobile
        ? pt(c.language, 'saved_mobile', { mobile })
        : c.query.saved !== undefined
          ? pt(c.language, 'saved')
          : undefined;
    return filePage(c, c.customer, { notice });
  },
});

export const saveFileRoute = portalRoute({
  method: 'POST',
  path: '/portal/file',
  signedIn: true,
  exampleBody: { first_name: 'Changed', city: 'Elsewhere', prefs: '1', pref_service_email: 'on' },
  async handle(c) {
    try {
      const input = parseOwnFileForm(c.body);
      const { changes } = await c.ctx.db
        .transaction()
        .execute((trx) => updateOwnFile(trx, c.cs, input, c.now));
      if (Object.keys(changes).length === 0)
        return filePage(c, c.customer, { notice: pt(c.language, 'nothing_changed') });
      return { redirect: changes.mobile_phone?.to ? '/portal/file?saved=mobile' : '/portal/file?saved' };
    } catch (err) {
      if (!(err instanceof PortalInputError)) throw err;
      const label =
        err.field in FILE_FIELDS || err.field === 'language'
          ? pt(c.language, err.field as PortalKey)
          : err.field === 'prefs'
            ? pt(c.language, 'prefs_title', { business: c.location.business_name ?? c.location.name })
            : err.field;
      return filePage(
        c,
        c.customer,
        {
          error: pt(c.language, err.key, { field: label, ...err.values }),
          invalid: err.field,
          values: c.body,
        },
        400,
      );
    }
  },
});
