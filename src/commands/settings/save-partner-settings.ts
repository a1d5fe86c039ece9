// Save a location's partner tab (CustomerLink, MechanicNET, CARFAX). The password or token is
// encrypted at rest (AES-256-GCM, key from SECRET_KEY) and never returned or audited. Switching
// CustomerLink on needs confirm_send (data goes out at the shop's request), CARFAX accept_terms;
// who and when are recorded.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { AppError } from '../../errors/app-error.ts';
import { encryptSecret, type Keys } from '../../security/keys.ts';
import { PARTNER_NAMES, type Partner } from '../../partners/partners.ts';

export const CONSENT_FLAG = {
  customerlink: 'confirm_send',
  carfax: 'accept_terms',
  mechanicnet: null,
} as const;

export interface SavePartnerSettingsInput {
  locationId: number;
  partner: Partner;
  enabled: boolean;
  settings: Record<string, unknown>;
  password?: string;
  token?: string;
  confirm_send?: boolean;
  accept_terms?: boolean;
}

export async function savePartnerSettings(
  trx: Transaction<DB>,
  scope: Scope,
  input: SavePartnerSettingsInput,
  now: Date,
  keys: Keys,
) {
  const { partner } = input;
  const s = scoped(trx, scope);
  const where = s.location(input.locationId);
  const before = await s
    .selectFrom('partner_settings')
    .selectAll()
    .where('location_id', '=', where.location_id)
    .where('partner', '=', partner)
    .forUpdate()
    .executeTakeFirst();
  const flag = CONSENT_FLAG[partner];
  const switchingOn = input.enabled && !before?.enabled;
  let consent = {
    consent_user_id: before?.consent_user_id ?? null,
    consent_at: before?.consent_at ?? null,
  };
  if (flag && switchingOn) {
    if (input[flag] !== true) {
      const what =
        partner === 'carfax'
          ? 'accept the CARFAX terms of service'
          : 'confirm that customer data will be sent to CustomerLink at your request';
      throw new AppError(
        400,
        'confirmation_required',
        `${flag}: to switch ${PARTNER_NAMES[partner]} on, ${what} (${flag}: true)`,
        flag,
      );
    }
    consent = { consent_user_id: scope.userId, consent_at: now };
  }
  const newSecret = input.password ?? input.token;
  const secret =
    newSecret !== undefined ? encryptSecret(keys, newSecret) : (before?.secret_ciphertext ?? null);
  if (partner === 'customerlink' && input.enabled && !secret)
    throw new AppError(400, 'invalid_input', 'password: CustomerLink needs the FTP password', 'password');
  const values = {
    enabled: input.enabled,
    settings: JSON.stringify(input.settings),
    secret_ciphertext: secret,
    ...consent,
    updated_at: now,
  };
  const row = await trx
    .insertInto('partner_settings')
    .values({ ...where, partner, ...values })
    .onConflict((oc) => oc.columns(['org_id', 'location_id', 'partner']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(
    trx,
    scope,
    `settings_${partner}`,
    'location',
    where.location_id,
    {
      enabled: { from: before?.enabled ?? false, to: input.enabled },
      settings: input.settings,
      ...(input.password !== undefined ? { password: 'changed' } : {}),
      ...(input.token !== undefined ? { token: 'changed' } : {}),
      ...(flag && switchingOn ? { [flag]: true } : {}),
    },
    now,
  );
  return row;
}
