// The text message tables (migration 0840), named in DB of schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Id = Generated<number>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableStamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface SmsSettingsTable {
  org_id: number;
  location_id: number;
  enabled: Generated<boolean>;
  api_base_url: Generated<string>;
  account_sid: string;
  /** AES-256-GCM (security/keys.ts); never returned by the API. */
  auth_token_ciphertext: string;
  from_number: string | null;
  messaging_service_sid: string | null;
  send_from_hour: Generated<number>;
  send_until_hour: Generated<number>;
  updated_at: Generated<Date>;
}

export interface CaughtTextsTable {
  org_id: number;
  id: Id;
  location_id: number;
  message_id: number | null;
  to_number: string;
  body: string;
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  caught_at: Generated<Date>;
}

export interface SmsOptOutsTable {
  org_id: number;
  location_id: number;
  phone: string;
  keyword: string;
  opted_out_at: Stamp;
}

export interface SmsConversationTable {
  org_id: number;
  id: Id;
  location_id: number;
  customer_id: number | null;
  direction: 'in' | 'out';
  phone: string;
  body: string;
  provider_sid: string | null;
  message_id: number | null;
  intent: string | null;
  read_at: NullableStamp;
  at: Stamp;
}

export interface SmsLinksTable {
  org_id: number;
  code: string;
  customer_id: number;
  message_id: number;
  expires_at: Stamp;
}
