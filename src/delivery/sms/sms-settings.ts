// A location's text provider (sms_settings), with its auth token decrypted into a Secret that
// prints as [redacted]. No row, or a row switched off: no provider (texts go to the catcher).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { Secret } from '../../partners/secret.ts';
import { decryptSecret, type Keys } from '../../security/keys.ts';
import type { SmsProviderSettings } from './provider.ts';

export interface LocationTextSettings {
  provider: SmsProviderSettings | null;
  sendFromHour: number;
  sendUntilHour: number;
}

export const DEFAULT_SEND_HOURS = { sendFromHour: 9, sendUntilHour: 20 };

export async function loadTextSettings(
  db: Kysely<DB>,
  keys: Keys,
  orgId: number,
  locationId: number,
): Promise<LocationTextSettings> {
  const row = await db
    .selectFrom('sms_settings')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  if (!row) return { provider: null, ...DEFAULT_SEND_HOURS };
  return {
    provider: row.enabled
      ? {
          apiBaseUrl: row.api_base_url,
          accountSid: row.account_sid,
          authToken: new Secret(decryptSecret(keys, row.auth_token_ciphertext)),
          fromNumber: row.from_number,
          messagingServiceSid: row.messaging_service_sid,
        }
      : null,
    sendFromHour: row.send_from_hour,
    sendUntilHour: row.send_until_hour,
  };
}
