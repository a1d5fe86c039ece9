// Add a maintenance schedule for a make or a make/model at a location (the most specific one
// applies to a vehicle); the daily run recomputes the predictions it changes.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { checkTarget, itemRow, withItems, type ScheduleItemInput, type ScheduleView } from './schedules.ts';

export interface CreateMaintenanceScheduleInput {
  locationId: number;
  name: string;
  make?: string | null;
  model?: string | null;
  items: ScheduleItemInput[];
}

export async function createMaintenanceSchedule(
  trx: Transaction<DB>,
  scope: Scope,
  input: CreateMaintenanceScheduleInput,
  now: Date,
): Promise<ScheduleView> {
  const s = scoped(trx, scope);
  const keys = s.location(input.locationId);
  const make = input.make ?? null;
  const model = input.model ?? null;
  await checkTarget(trx, keys.org_id, keys.location_id, make, model, null);
  const row = await trx
    .insertInto('maintenance_schedules')
    .values({ ...keys, name: input.name, make, model })
    .returning(['id', 'location_id', 'name', 'make', 'model'])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('maintenance_schedule_items')
    .values(input.items.map((it) => ({ org_id: keys.org_id, schedule_id: row.id, ...itemRow(it) })))
    .execute();
  const out = (await withItems(s, [row]))[0]!;
  await audit(
    trx,
    scope,
    'create',
    'maintenance_schedule',
    row.id,
    { name: out.name, make, model, items: out.items },
    now,
  );
  return out;
}
