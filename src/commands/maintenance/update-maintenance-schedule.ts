// Edit a maintenance schedule: its name, its make/model, or all its items at once (items replace
// the list). The default schedule (no make, no model) stays the default.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit, diff } from '../../accounts/audit.ts';
import { AppError, notFound } from '../../errors/app-error.ts';
import { checkTarget, itemRow, withItems, type ScheduleItemInput, type ScheduleView } from './schedules.ts';

export interface UpdateMaintenanceScheduleInput {
  scheduleId: number;
  name?: string;
  make?: string | null;
  model?: string | null;
  items?: ScheduleItemInput[];
}

export async function updateMaintenanceSchedule(
  trx: Transaction<DB>,
  scope: Scope,
  input: UpdateMaintenanceScheduleInput,
  now: Date,
): Promise<ScheduleView> {
  const s = scoped(trx, scope);
  const before = await s
    .selectFrom('maintenance_schedules')
    .select(['id', 'location_id', 'name', 'make', 'model'])
    .where('id', '=', input.scheduleId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound(`Maintenance schedule ${input.scheduleId}`);
  const target = {
    make: input.make !== undefined ? input.make : before.make,
    model: input.model !== undefined ? input.model : before.model,
  };
  const wasDefault = before.make === null && before.model === null;
  if (wasDefault && (target.make !== null || target.model !== null)) {
    throw new AppError(
      400,
      'invalid_input',
      'make: the default schedule (no make, no model) applies to every vehicle without a more specific one; add a schedule for the make instead',
      'make',
    );
  }
  await checkTarget(trx, scope.orgId, before.location_id, target.make, target.model, before.id);
  const beforeOut = (await withItems(s, [before]))[0]!;
  const fields = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.make !== undefined ? { make: target.make } : {}),
    ...(input.model !== undefined ? { model: target.model } : {}),
  };
  const after = Object.keys(fields).length
    ? await s
        .updateTable('maintenance_schedules')
        .set(fields)
        .where('id', '=', before.id)
        .returning(['id', 'location_id', 'name', 'make', 'model'])
        .executeTakeFirstOrThrow()
    : before;
  if (input.items) {
    await s.deleteFromChild('maintenance_schedule_items').where('schedule_id', '=', before.id).execute();
    await trx
      .insertInto('maintenance_schedule_items')
      .values(input.items.map((it) => ({ org_id: scope.orgId, schedule_id: before.id, ...itemRow(it) })))
      .execute();
  }
  const out = (await withItems(s, [after]))[0]!;
  const changes = diff(beforeOut as unknown as Record<string, unknown>, {
    ...fields,
    ...(input.items ? { items: out.items } : {}),
  });
  if (Object.keys(changes).length > 0)
    await audit(trx, scope, 'update', 'maintenance_schedule', before.id, changes, now);
  return out;
}
