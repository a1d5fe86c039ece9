// The portal's tables (migration 0750), named in DB of schema.ts.
import type { ColumnType, Generated } from 'kysely';

type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableStamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface PortalSignInLinksTable {
  token_hash: string;
  org_id: number;
  customer_id: number;
  created_at: Generated<Date>;
  expires_at: Stamp;
  used_at: NullableStamp;
}

export interface PortalSessionsTable {
  token_hash: string;
  org_id: number;
  customer_id: number;
  created_at: Generated<Date>;
  expires_at: Stamp;
}
