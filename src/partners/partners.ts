// The three export partners, their display names, and the non-secret settings each keeps in
// partner_settings.settings (validated here; the settings API can reuse these schemas).
import { z } from 'zod';

export const PARTNERS = ['customerlink', 'mechanicnet', 'carfax'] as const;
export type Partner = (typeof PARTNERS)[number];

export const PARTNER_NAMES: Record<Partner, string> = {
  customerlink: 'CustomerLink',
  mechanicnet: 'MechanicNET',
  carfax: 'CARFAX',
};

/** CustomerLink and CARFAX may only be switched on with a recorded consent (who and when). */
export const NEEDS_CONSENT: Record<Partner, boolean> = {
  customerlink: true,
  mechanicnet: false,
  carfax: true,
};

export function isPartner(name: string): name is Partner {
  return (PARTNERS as readonly string[]).includes(name);
}

/** Local hour (0-23) after which the previous day is exported. */
const exportHour = z.number().int().min(0).max(23).default(2);

/** https:// anywhere; plain http:// only to this machine (tests, a local relay). */
const endpoint = z
  .string()
  .url()
  .refine((u) => {
    // zod runs this even when .url() already refused the text: that must be a 400, not a throw.
    if (!URL.canParse(u)) return true;
    const url = new URL(u);
    return (
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
    );
  }, 'must be an https:// URL (http:// only to localhost)');

export const customerLinkSettings = z.strictObject({
  account_number: z.string().trim().min(1).max(50),
  server: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(21),
  user: z.string().min(1).max(255),
  directory: z.string().max(500).default(''),
  passive: z.boolean().default(true),
  /** 'explicit': AUTH TLS on the control and data connections. */
  tls: z.enum(['off', 'explicit']).default('off'),
  export_hour: exportHour,
});

export const mechanicNetSettings = z.strictObject({
  shop_id: z.string().trim().min(1).max(50),
  endpoint,
  export_hour: exportHour,
});

export const carfaxSettings = z.strictObject({
  endpoint,
  /** Not used: CARFAX sets it up on their side. Kept so an imported value is not an error. */
  facility_id: z.string().max(50).optional(),
  export_hour: exportHour,
  /** The plate lookup (plate → VIN); the token (secret) is the same CARFAX token. */
  lookup_endpoint: endpoint.optional(),
  /** CARFAX's account id for the plate lookup, sent as X-Carfax-Account. */
  account_id: z.string().trim().min(1).max(50).optional(),
});

export const SETTINGS_SCHEMAS = {
  customerlink: customerLinkSettings,
  mechanicnet: mechanicNetSettings,
  carfax: carfaxSettings,
} as const;

export type CustomerLinkSettings = z.infer<typeof customerLinkSettings>;
export type MechanicNetSettings = z.infer<typeof mechanicNetSettings>;
export type CarfaxSettings = z.infer<typeof carfaxSettings>;
export interface SettingsByPartner {
  customerlink: CustomerLinkSettings;
  mechanicnet: MechanicNetSettings;
  carfax: CarfaxSettings;
}
