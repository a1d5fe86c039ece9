// Save one CRM set-up tab of a location (general, email, postcards): the fields given change,
// audited from → to. Paid options (email_enabled, postcards_enabled) are the operator's
// (set-location-options), not a tab's.
import type { Transaction, Updateable } from 'kysely';
import type { DB, Location, LocationsTable } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit, diff } from '../../accounts/audit.ts';
import { AppError } from '../../errors/app-error.ts';

export type SettingsTab = 'general' | 'email' | 'postcards';

const OPERATOR_ONLY = ['email_enabled', 'postcards_enabled', 'org_id', 'id', 'code'];

export async function saveSettingsTab(
  trx: Transaction<DB>,
  scope: Scope,
  input: { locationId: number; tab: SettingsTab; fields: Record<string, unknown> },
  now: Date,
): Promise<Location> {
  const { tab, fields } = input;
  const refused = Object.keys(fields).find((k) => OPERATOR_ONLY.includes(k));
  if (refused) throw new AppError(400, 'invalid_input', `${refused}: not a field of the ${tab} tab`, refused);
  const before = await scoped(trx, scope).getLocation(input.locationId);
  const after = Object.keys(fields).length
    ? await trx
        .updateTable('locations')
        .set(fields as Updateable<LocationsTable>)
        .where('org_id', '=', scope.orgId)
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : before;
  await audit(trx, scope, `settings_${tab}`, 'location', before.id, diff(before, fields), now);
  return after;
}
