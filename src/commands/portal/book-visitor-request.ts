// A visitor (not in the file yet) confirmed their email from the public booking page: the
// request reaches the shop now, as a "requested" appointment for a visitor on a mechanic free at
// that time, with a task and an email (P02) for the advisors. Opening the confirmation twice books once.
import type { Transaction } from 'kysely';
import type { Appointment, DB, Language } from '../../db/schema.ts';
import { mechanicsFreeAt } from '../../appointments/free-mechanic.ts';
import { tellAdvisor } from '../../appointments/tell-advisor.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { SlotTaken } from '../../portal/errors.ts';
import { enqueueAppointmentRequested } from '../../engine/events/appointment-requested.ts';

export interface VisitorRequest {
  name: string;
  email: string;
  phone: string | null;
  language: Language;
  startsAt: Date;
  service: string | null;
}

export async function bookVisitorRequest(
  trx: Transaction<DB>,
  where: { orgId: number; locationId: number },
  input: VisitorRequest,
  now: Date,
): Promise<{ appointment: Appointment; created: boolean }> {
  const existing = await trx
    .selectFrom('appointments')
    .selectAll()
    .where('org_id', '=', where.orgId)
    .where('location_id', '=', where.locationId)
    .where('customer_id', 'is', null)
    .where('visitor_email', '=', input.email)
    .where('starts_at', '=', input.startsAt)
    .where('source', '=', 'portal')
    .where('status', '!=', 'cancelled')
    .executeTakeFirst();
  if (existing) return { appointment: existing, created: false };
  const location = await trx
    .selectFrom('locations')
    .select(['id', 'time_zone'])
    .where('org_id', '=', where.orgId)
    .where('id', '=', where.locationId)
    .executeTakeFirstOrThrow();
  const scope = {
    orgId: where.orgId,
    actor: { type: 'customer' as const, id: 0 },
    userId: null,
    locationIds: [where.locationId],
  };
  const free = await mechanicsFreeAt(scoped(trx, scope), location, input.startsAt, now);
  if (free.mechanicIds.length === 0) throw new SlotTaken();
  const row = await trx
    .insertInto('appointments')
    .values({
      org_id: where.orgId,
      location_id: where.locationId,
      customer_id: null,
      visitor_name: input.name,
      visitor_email: input.email,
      visitor_phone: input.phone,
      visitor_language: input.language,
      mechanic_id: free.mechanicIds[0]!,
      starts_at: input.startsAt,
      ends_at: free.endsAt,
      status: 'requested',
      source: 'portal',
      service_requested: input.service,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await tellAdvisor(trx, 'APPOINTMENT_REQUEST', row, location.time_zone, now);
  await enqueueAppointmentRequested(trx, where.orgId, row.id, now);
  return { appointment: row, created: true };
}
