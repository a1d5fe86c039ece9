// The operator switches a location's paid options (360° email, postcards, texts) on or off; audited in
// the location's organization.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { audit } from '../../accounts/audit.ts';
import { notFound } from '../../errors/app-error.ts';

export interface LocationOptions {
  email_enabled?: boolean;
  postcards_enabled?: boolean;
  sms_enabled?: boolean;
}

export async function setLocationOptions(
  trx: Transaction<DB>,
  scope: Scope,
  input: { orgId: number; locationId: number; options: LocationOptions },
  now: Date,
) {
  const { orgId, locationId, options } = input;
  const before = await trx
    .selectFrom('locations')
    .select(['email_enabled', 'postcards_enabled', 'sms_enabled'])
    .where('org_id', '=', orgId)
    .where('id', '=', locationId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound(`Location ${locationId} of organization ${orgId}`);
  const row = await trx
    .updateTable('locations')
    .set(options)
    .where('org_id', '=', orgId)
    .where('id', '=', locationId)
    .returning(['id', 'org_id', 'code', 'name', 'email_enabled', 'postcards_enabled', 'sms_enabled'])
    .executeTakeFirstOrThrow();
  const changes = Object.fromEntries(
    Object.entries(options).map(([k, v]) => [k, { from: before[k as keyof typeof before], to: v }]),
  );
  await audit(trx, { ...scope, orgId }, 'set_options', 'location', locationId, changes, now);
  return row;
}
