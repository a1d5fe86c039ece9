// A demo location's mechanics with weekly hours and its courtesy vehicles.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DemoCity } from './demo-locations.ts';
import { plateFor } from './demo-locations.ts';
import { FIRST_NAMES, LAST_NAMES } from './names.ts';
import type { Random } from './random.ts';

export interface StaffResources {
  mechanicIds: number[];
  courtesyIds: number[];
}

const SKILLS = ['brakes', 'alignment', 'diagnostics', 'electrical', 'tires', 'transmission', 'hybrid'];

export async function addStaffResources(
  db: Kysely<DB>,
  random: Random,
  scope: { orgId: number; locationId: number },
  city: DemoCity,
  customers: number,
): Promise<StaffResources> {
  const mechanics = Math.min(8, 3 + Math.floor(customers / 5000));
  const rows = Array.from({ length: mechanics }, () => ({
    org_id: scope.orgId,
    location_id: scope.locationId,
    name: `${random.pick(FIRST_NAMES[city.language])} ${random.pick(LAST_NAMES[city.language])}`,
    skills: [random.pick(SKILLS), random.pick(SKILLS)].filter((s, i, all) => all.indexOf(s) === i),
  }));
  const mechanicIds = (await db.insertInto('mechanics').values(rows).returning('id').execute()).map(
    (r) => r.id,
  );
  // Monday to Friday 8:00-17:00; every other mechanic also works Saturday morning.
  const hours = mechanicIds.flatMap((id, i) => [
    ...[1, 2, 3, 4, 5].map((weekday) => ({
      org_id: scope.orgId,
      mechanic_id: id,
      weekday,
      starts_at: '08:00',
      ends_at: '17:00',
    })),
    ...(i % 2 === 0
      ? [{ org_id: scope.orgId, mechanic_id: id, weekday: 6, starts_at: '08:00', ends_at: '12:00' }]
      : []),
  ]);
  await db.insertInto('mechanic_hours').values(hours).execute();
  const cars = ['Toyota Corolla', 'Honda Civic', 'Hyundai Elantra'].slice(0, Math.min(3, mechanics - 1));
  const courtesyIds = (
    await db
      .insertInto('courtesy_vehicles')
      .values(
        cars.map((name) => ({
          org_id: scope.orgId,
          location_id: scope.locationId,
          name,
          plate: plateFor(city.plate, random.next),
        })),
      )
      .returning('id')
      .execute()
  ).map((r) => r.id);
  return { mechanicIds, courtesyIds };
}
