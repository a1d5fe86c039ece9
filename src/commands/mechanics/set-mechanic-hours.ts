// Replace a mechanic's weekly working hours (local time of the location). Existing bookings are
// not moved; availability uses the new hours at once.
import type { Transaction } from 'kysely';
import type { DB, Mechanic } from '../../db/schema.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { audit } from '../../accounts/audit.ts';
import { notFound } from '../../errors/app-error.ts';
import { checkHours, insertHours, type HoursBlock } from './mechanic-hours.ts';

export async function setMechanicHours(
  trx: Transaction<DB>,
  scope: Scope,
  input: { mechanicId: number; hours: HoursBlock[] },
  now: Date,
): Promise<Mechanic> {
  const sorted = checkHours(input.hours);
  const s = scoped(trx, scope);
  const mechanic = await s
    .selectFrom('mechanics')
    .selectAll()
    .where('id', '=', input.mechanicId)
    .forUpdate()
    .executeTakeFirst();
  if (!mechanic) throw notFound(`Mechanic ${input.mechanicId}`);
  await s.deleteFromChild('mechanic_hours').where('mechanic_id', '=', mechanic.id).execute();
  await insertHours(trx, scope.orgId, mechanic.id, sorted);
  await audit(trx, scope, 'set_hours', 'mechanic', mechanic.id, { hours: sorted }, now);
  return mechanic;
}
