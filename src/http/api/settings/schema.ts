// CRM set-up tabs of a location, as in the source: General, Email, Postcards, CustomerLink,
// MechanicNET, CARFAX. Partner fields reuse the partner engineer's schemas (src/partners).
import { z } from 'zod';
import type { Location } from '../../../db/schema.ts';
import { language, nullableText, text } from '../schemas.ts';
import { timeZone } from '../locations/schema.ts';

const url = z
  .string()
  .trim()
  .max(500)
  .refine((v) => /^(https?:\/\/|mailto:)\S+$/.test(v), 'must be an http(s):// URL or a mailto: address')
  .meta({ pattern: '^(https?://|mailto:)\\S+$' });

/** A public review page (Google, Yelp…): https:// only, since it is sent to every customer. */
const REVIEW_LINK = /^https:\/\/[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$/;
const reviewLink = z
  .string()
  .trim()
  .max(500)
  .refine((v) => REVIEW_LINK.test(v), 'must be an https:// address')
  .meta({ pattern: REVIEW_LINK.source });

export const generalTab = z.strictObject({
  name: text(200).min(1),
  business_name: nullableText(200),
  business_owner: nullableText(200),
  business_phone: nullableText(40),
  business_email: z.email().max(320).nullable(),
  feedback_link: url.nullable(),
  /** Optional in a request (absent: unchanged); null switches review requests off. */
  review_link: reviewLink.nullable().optional(),
  phone: nullableText(40),
  email: z.email().max(320).nullable(),
  language,
  time_zone: timeZone,
});

const route = z.enum(['crm_agent', 'sales_manager', 'sales_rep']);
export const emailTab = z.strictObject({
  cap_count: z.number().int().min(1).max(50),
  cap_days: z.number().int().min(1).max(365),
  run_hour: z.number().int().min(0).max(23),
  staleness_days: z.number().int().min(0).max(365),
  route_e06: route,
  route_p00: route,
  route_p01: route,
  route_sales: route,
});

export const postcardsTab = z.strictObject({
  address_line1: nullableText(200),
  address_line2: nullableText(200),
  city: nullableText(100),
  region: nullableText(100),
  postal_code: nullableText(20),
  country: z.string().trim().length(2).toUpperCase(),
});

export const LOCATION_TABS = { general: generalTab, email: emailTab, postcards: postcardsTab } as const;
export type LocationTab = keyof typeof LOCATION_TABS;

export function tabValues(l: Location, tab: LocationTab): Record<string, unknown> {
  const keys = Object.keys(LOCATION_TABS[tab].shape) as Array<keyof Location>;
  return Object.fromEntries(keys.map((k) => [k, l[k]]));
}

export const partnerOut = z.object({
  partner: z.string(),
  enabled: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  password_set: z.boolean(),
  consent: z.object({ user_id: z.number().nullable(), at: z.string() }).nullable(),
});

export const smsSettingsOut = z.object({
  location_id: z.number(),
  enabled: z.boolean(),
  api_base_url: z.string(),
  account_sid: z.string(),
  auth_token_set: z.boolean(),
  from_number: z.string().nullable(),
  messaging_service_sid: z.string().nullable(),
  send_from_hour: z.number(),
  send_until_hour: z.number(),
});

export const settingsOut = z.object({
  location_id: z.number(),
  /** What General settings lack to identify the sender; the location sends nothing until empty. */
  identification_missing: z.array(z.string()),
  general: z.record(z.string(), z.unknown()),
  email: z.record(z.string(), z.unknown()).and(z.object({ email_enabled: z.boolean() })),
  postcards: z.record(z.string(), z.unknown()).and(z.object({ postcards_enabled: z.boolean() })),
  customerlink: partnerOut,
  mechanicnet: partnerOut,
  carfax: partnerOut,
  /** The Text messages tab: the location's provider account (never its auth token), null until saved. */
  sms: smsSettingsOut.nullable(),
  /** Texts are a paid option the operator switches on (locations.sms_enabled). */
  sms_enabled: z.boolean(),
});
