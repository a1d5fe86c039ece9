import type { Scoped } from '../../../tenancy/scoped.ts';
import type { Mechanic } from './types.ts';
import { presentHours } from './schema.ts';

/** Mechanics with their hours: two queries for any number of mechanics. */
export async function withHours(s: Scoped, mechanics: Mechanic[]) {
  const ids = mechanics.map((m) => m.id);
  const hours = ids.length
    ? await s
        .selectFromChild('mechanic_hours')
        .select(['mechanic_id', 'weekday', 'starts_at', 'ends_at'])
        .where('mechanic_id', 'in', ids)
        .execute()
    : [];
  return mechanics.map(({ org_id: _org, ...m }) => ({
    ...m,
    hours: presentHours(hours.filter((h) => h.mechanic_id === m.id)),
  }));
}
