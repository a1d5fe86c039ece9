// Add a mechanic at a location, with their weekly working hours (local time of the location).
import type { Transaction } from 'kysely';
import type { DB, Mechanic } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { checkHours, insertHours, type HoursBlock } from './mechanic-hours.ts';

export interface CreateMechanicInput {
  locationId: number;
  name: string;
  skills?: string[];
  userId?: number | null;
  active?: boolean;
  hours?: HoursBlock[];
}

export async function createMechanic(
  trx: Transaction<DB>,
  scope: Scope,
  input: CreateMechanicInput,
  now: Date,
): Promise<Mechanic> {
  const hours = checkHours(input.hours ?? []);
  const s = scoped(trx, scope);
  const keys = s.location(input.locationId, 'location_id');
  if (input.userId) await s.findUser(input.userId, 'user_id');
  const row = await trx
    .insertInto('mechanics')
    .values({
      ...keys,
      name: input.name,
      ...(input.skills !== undefined ? { skills: input.skills } : {}),
      ...(input.userId !== undefined ? { user_id: input.userId } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await insertHours(trx, scope.orgId, row.id, hours);
  await audit(trx, scope, 'create', 'mechanic', row.id, { name: row.name, hours: input.hours }, now);
  return row;
}
