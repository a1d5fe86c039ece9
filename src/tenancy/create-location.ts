// A new location comes with the default day settings for every message kind and its own
// copy of the shipped maintenance schedule, so it works the day it is created.
import type { Insertable, Kysely } from 'kysely';
import type { DB, Location, LocationsTable } from '../db/schema.ts';
import { defaultRules } from '../domain/messages/kinds.ts';
import { DEFAULT_SCHEDULE, DEFAULT_SCHEDULE_NAME } from '../domain/maintenance/default-schedule.ts';

export type NewLocation = Omit<Insertable<LocationsTable>, 'org_id' | 'id'>;

/** Runs in the caller's transaction when given one (so callers can add rows atomically), else in its own. */
export async function createLocation(db: Kysely<DB>, orgId: number, input: NewLocation): Promise<Location> {
  const inTransaction = <T>(fn: (trx: Kysely<DB>) => Promise<T>) =>
    db.isTransaction ? fn(db) : db.transaction().execute(fn);
  return inTransaction(async (trx) => {
    const location = await trx
      .insertInto('locations')
      .values({ ...input, org_id: orgId })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('message_rules')
      .values(defaultRules().map((r) => ({ ...r, org_id: orgId, location_id: location.id })))
      .execute();
    const schedule = await trx
      .insertInto('maintenance_schedules')
      .values({
        org_id: orgId,
        location_id: location.id,
        name: DEFAULT_SCHEDULE_NAME,
        make: null,
        model: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('maintenance_schedule_items')
      .values(
        DEFAULT_SCHEDULE.map((item) => ({
          org_id: orgId,
          schedule_id: schedule.id,
          code: item.code,
          description: JSON.stringify(item.description),
          every_km: item.every_km,
          every_hours: item.every_hours,
          every_months: item.every_months,
        })),
      )
      .execute();
    return location;
  });
}
