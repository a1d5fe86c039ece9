import type { Location } from '../../../db/schema.ts';
import type { Scoped } from '../../../tenancy/scoped.ts';
import { PARTNERS, type Partner } from '../../../partners/partners.ts';
import { iso } from '../schemas.ts';
import { tabValues } from './schema.ts';
import { missingIdentification } from '../../../domain/compliance/identification.ts';

type PartnerRow = {
  partner: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  secret_ciphertext: string | null;
  consent_user_id: number | null;
  consent_at: Date | null;
};

/** A partner tab as the API shows it: never the password, only whether one is set. */
export function presentPartner(partner: Partner, row: PartnerRow | undefined) {
  return {
    partner,
    enabled: row?.enabled ?? false,
    settings: row?.settings ?? {},
    password_set: Boolean(row?.secret_ciphertext),
    consent: row?.consent_at ? { user_id: row.consent_user_id, at: iso(row.consent_at)! } : null,
  };
}

export async function loadSettings(s: Scoped, location: Location) {
  const rows = await s
    .selectFrom('partner_settings')
    .selectAll()
    .where('location_id', '=', location.id)
    .execute();
  const byPartner = (p: Partner) =>
    presentPartner(
      p,
      rows.find((r) => r.partner === p),
    );
  const [customerlink, mechanicnet, carfax] = PARTNERS.map(byPartner) as [
    ReturnType<typeof byPartner>,
    ReturnType<typeof byPartner>,
    ReturnType<typeof byPartner>,
  ];
  const sms = await s
    .selectFrom('sms_settings')
    .selectAll()
    .where('location_id', '=', location.id)
    .executeTakeFirst();
  return {
    location_id: location.id,
    identification_missing: missingIdentification(location),
    general: tabValues(location, 'general'),
    email: { ...tabValues(location, 'email'), email_enabled: location.email_enabled },
    postcards: { ...tabValues(location, 'postcards'), postcards_enabled: location.postcards_enabled },
    customerlink,
    mechanicnet,
    carfax,
    sms: sms
      ? {
          location_id: sms.location_id,
          enabled: sms.enabled,
          api_base_url: sms.api_base_url,
          account_sid: sms.account_sid,
          auth_token_set: Boolean(sms.auth_token_ciphertext),
          from_number: sms.from_number,
          messaging_service_sid: sms.messaging_service_sid,
          send_from_hour: sms.send_from_hour,
          send_until_hour: sms.send_until_hour,
        }
      : null,
    sms_enabled: location.sms_enabled,
  };
}
