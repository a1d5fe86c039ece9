// The customer row (in scope) and the local date at its location: consent validity is decided
// on local days.
import type { Scoped } from '../../../tenancy/scoped.ts';
import { localDateTime } from '../../../domain/time/dates.ts';
import { notFound } from '../../errors.ts';

export async function customerWithToday(s: Scoped, customerId: number, now: Date) {
  const customer = await s
    .selectFrom('customers')
    .select(['id', 'location_id', 'consent_basis', 'consent_date', 'last_visit_on'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer) throw notFound(`Customer ${customerId}`);
  const location = await s.getLocation(customer.location_id);
  return { customer, today: localDateTime(now, location.time_zone).date };
}
