// Reads one location's settings for one partner, validates them, and decrypts the password in
// memory only (as a Secret that never prints). Exports call checkExportAllowed() before work.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { decryptSecret, type Keys } from '../security/keys.ts';
import {
  NEEDS_CONSENT,
  PARTNER_NAMES,
  SETTINGS_SCHEMAS,
  type Partner,
  type SettingsByPartner,
} from './partners.ts';
import { Secret } from './secret.ts';

export interface PartnerSettings<P extends Partner = Partner> {
  orgId: number;
  locationId: number;
  partner: P;
  enabled: boolean;
  consentUserId: number | null;
  consentAt: Date | null;
  /** null when the stored fields are incomplete or invalid; `problem` then says why. */
  settings: SettingsByPartner[P] | null;
  problem: string | null;
  secret: Secret | null;
}

/** An export that must not run (off, no consent, incomplete settings): the message says why. */
export class ExportRefused extends Error {}

export async function getPartnerSettings<P extends Partner>(
  db: Kysely<DB>,
  keys: Keys,
  orgId: number,
  locationId: number,
  partner: P,
): Promise<PartnerSettings<P> | null> {
  const row = await db
    .selectFrom('partner_settings')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('location_id', '=', locationId)
    .where('partner', '=', partner)
    .executeTakeFirst();
  if (!row) return null;
  const parsed = SETTINGS_SCHEMAS[partner].safeParse(row.settings ?? {});
  let secret: Secret | null = null;
  let problem = parsed.success
    ? null
    : parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ');
  if (row.secret_ciphertext) {
    try {
      secret = new Secret(decryptSecret(keys, row.secret_ciphertext));
    } catch {
      // Wrong SECRET_KEY or a damaged value: say so without echoing anything of it.
      problem = 'the stored password cannot be decrypted with this SECRET_KEY; enter it again';
    }
  }
  return {
    orgId,
    locationId,
    partner,
    enabled: row.enabled,
    consentUserId: row.consent_user_id,
    consentAt: row.consent_at,
    settings: parsed.success ? (parsed.data as SettingsByPartner[P]) : null,
    problem,
    secret,
  };
}

/** Throws ExportRefused naming the partner, the location and what is missing. */
export function checkExportAllowed<P extends Partner>(
  found: PartnerSettings<P> | null,
  partner: P,
  locationName: string,
): asserts found is PartnerSettings<P> & { settings: SettingsByPartner[P] } {
  const name = PARTNER_NAMES[partner];
  if (!found || !found.enabled)
    throw new ExportRefused(`${name} export is not enabled for location ${locationName}`);
  if (NEEDS_CONSENT[partner] && (found.consentUserId === null || found.consentAt === null)) {
    const what =
      partner === 'carfax'
        ? 'the CARFAX terms of service have not been accepted'
        : "nobody has confirmed that data is sent to CustomerLink at the shop's request";
    throw new ExportRefused(`${name} export refused for location ${locationName}: ${what}`);
  }
  if (found.problem || !found.settings)
    throw new ExportRefused(`${name} settings of location ${locationName} are incomplete: ${found.problem}`);
  if (partner === 'customerlink' && !found.secret)
    throw new ExportRefused(
      `${name} settings of location ${locationName} are incomplete: password is missing`,
    );
}
