// Saves a location's text provider (a Twilio-compatible account): account SID, auth token
// (encrypted at rest with the SECRET_KEY's encryption key, never returned or logged), the sender
// (a number or a messaging service) and the quiet hours. Audited without the token.
import type { Transaction } from 'kysely';
import { audit } from '../accounts/audit.ts';
import type { DB } from '../db/schema.ts';
import { encryptSecret, type Keys } from '../security/keys.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { CommandError } from './command-error.ts';

export interface SaveSmsSettingsInput {
  locationId: number;
  enabled: boolean;
  apiBaseUrl?: string;
  accountSid: string;
  /** Required the first time; omitted keeps the saved one. */
  authToken?: string;
  fromNumber: string | null;
  messagingServiceSid: string | null;
  sendFromHour?: number;
  sendUntilHour?: number;
}

export interface SmsSettingsView {
  location_id: number;
  enabled: boolean;
  api_base_url: string;
  account_sid: string;
  auth_token_set: boolean;
  from_number: string | null;
  messaging_service_sid: string | null;
  send_from_hour: number;
  send_until_hour: number;
}

export async function saveSmsSettings(
  trx: Transaction<DB>,
  scope: Scope,
  input: SaveSmsSettingsInput,
  now: () => Date,
  keys: Keys,
): Promise<SmsSettingsView> {
  const at = now();
  const where = scoped(trx, scope).location(input.locationId, 'locationId');
  const before = await trx
    .selectFrom('sms_settings')
    .selectAll()
    .where('org_id', '=', where.org_id)
    .where('location_id', '=', where.location_id)
    .forUpdate()
    .executeTakeFirst();
  const token =
    input.authToken !== undefined ? encryptSecret(keys, input.authToken) : before?.auth_token_ciphertext;
  if (!token)
    throw new CommandError(
      400,
      'invalid_input',
      'auth_token: the provider account needs its auth token',
      'auth_token',
    );
  if (!input.fromNumber && !input.messagingServiceSid)
    throw new CommandError(
      400,
      'invalid_input',
      'from_number: give the number texts are sent from, or a messaging_service_sid',
      'from_number',
    );
  const from = input.sendFromHour ?? before?.send_from_hour ?? 9;
  const until = input.sendUntilHour ?? before?.send_until_hour ?? 20;
  if (from >= until)
    throw new CommandError(
      400,
      'invalid_input',
      'send_until_hour: must be later than send_from_hour',
      'send_until_hour',
    );
  const values = {
    enabled: input.enabled,
    api_base_url: input.apiBaseUrl ?? before?.api_base_url ?? 'https://api.twilio.com',
    account_sid: input.accountSid,
    auth_token_ciphertext: token,
    from_number: input.fromNumber,
    messaging_service_sid: input.messagingServiceSid,
    send_from_hour: from,
    send_until_hour: until,
    updated_at: at,
  };
  const row = await trx
    .insertInto('sms_settings')
    .values({ ...where, ...values })
    .onConflict((oc) => oc.columns(['org_id', 'location_id']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(
    trx,
    scope,
    'settings_sms',
    'location',
    where.location_id,
    {
      enabled: { from: before?.enabled ?? false, to: input.enabled },
      account_sid: input.accountSid,
      from_number: input.fromNumber,
      messaging_service_sid: input.messagingServiceSid,
      send_hours: [from, until],
      ...(input.authToken !== undefined ? { auth_token: 'changed' } : {}),
    },
    at,
  );
  return {
    location_id: row.location_id,
    enabled: row.enabled,
    api_base_url: row.api_base_url,
    account_sid: row.account_sid,
    auth_token_set: true,
    from_number: row.from_number,
    messaging_service_sid: row.messaging_service_sid,
    send_from_hour: row.send_from_hour,
    send_until_hour: row.send_until_hour,
  };
}
