// Book an appointment at one of the scope's locations: every referenced record in scope and at
// that location, the mechanic working then and having the skill the work needs
// (appointments/check-booking.ts); a confirmed booking needs a mechanic. Overlaps are refused by
// the database's EXCLUDE constraints. Audited. Staff (console, API) and the portal (a customer's
// request, source 'portal') book through here.
import type { Transaction } from 'kysely';
import type { Appointment, AppointmentsTable, DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { audit } from '../accounts/audit.ts';
import { checkBooking, checkConfirmable } from '../appointments/check-booking.ts';

type BookingFields = Partial<
  Pick<
    AppointmentsTable,
    | 'external_ref'
    | 'customer_id'
    | 'vehicle_id'
    | 'visitor_name'
    | 'visitor_email'
    | 'visitor_phone'
    | 'visitor_language'
    | 'mechanic_id'
    | 'courtesy_vehicle_id'
    | 'service_requested'
    | 'required_skill'
    | 'notes'
  >
>;

export type BookAppointmentInput = BookingFields & {
  location_id: number;
  /** ISO instants. */
  starts_at: string;
  ends_at: string;
  status: 'requested' | 'confirmed';
};

export async function bookAppointment(
  trx: Transaction<DB>,
  scope: Scope,
  input: BookAppointmentInput,
  now: Date,
): Promise<Appointment> {
  const { location_id, starts_at, ends_at, status, ...fields } = input;
  const s = scoped(trx, scope);
  const keys = s.location(location_id);
  const booking = { ...fields, location_id, starts_at: new Date(starts_at), ends_at: new Date(ends_at) };
  checkConfirmable({ status, mechanic_id: fields.mechanic_id });
  await checkBooking(s, booking);
  const row = await trx
    .insertInto('appointments')
    .values({
      ...keys,
      ...fields,
      starts_at: booking.starts_at,
      ends_at: booking.ends_at,
      status,
      source: scope.actor.type === 'api_token' ? 'api' : scope.actor.type === 'customer' ? 'portal' : 'staff',
      confirmed_at: status === 'confirmed' ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(
    trx,
    scope,
    'create',
    'appointment',
    row.id,
    { starts_at, ends_at, status, mechanic_id: row.mechanic_id, customer_id: row.customer_id },
    now,
  );
  return row;
}
