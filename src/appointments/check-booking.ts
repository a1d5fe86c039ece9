// Checks shared by booking and moving: every referenced record is in scope and at the same
// location, the mechanic and courtesy vehicle are active, the mechanic has the skill the work
// needs (required_skill), and the time is inside the mechanic's working hours (in the location's
// time zone). Overlaps are left to the database's EXCLUDE
// constraints, which hold even under concurrent requests (mapped to 409 in db-errors.ts).
import type { Scoped } from '../tenancy/scoped.ts';
import { withinHours } from './working-hours.ts';
import { AppError } from '../errors/app-error.ts';

export interface Booking {
  location_id: number;
  customer_id?: number | null;
  vehicle_id?: number | null;
  mechanic_id?: number | null;
  courtesy_vehicle_id?: number | null;
  /** The skill the work needs: the mechanic assigned must have it. */
  required_skill?: string | null;
  starts_at: Date;
  ends_at: Date;
}

export async function checkBooking(s: Scoped, b: Booking): Promise<void> {
  const sameLocation = (row: { location_id: number }, field: string, what: string) => {
    if (row.location_id !== b.location_id)
      throw new AppError(400, 'invalid_input', `${field}: the ${what} belongs to another location`, field);
  };
  if (b.customer_id) await s.find('customers', b.customer_id, 'Customer', 'customer_id');
  if (b.vehicle_id) await s.find('vehicles', b.vehicle_id, 'Vehicle', 'vehicle_id');
  if (b.courtesy_vehicle_id) {
    const cv = await s
      .selectFrom('courtesy_vehicles')
      .select(['id', 'location_id', 'active'])
      .where('id', '=', b.courtesy_vehicle_id)
      .executeTakeFirst();
    if (!cv)
      throw new AppError(
        404,
        'not_found',
        `Courtesy vehicle ${b.courtesy_vehicle_id} not found`,
        'courtesy_vehicle_id',
      );
    sameLocation(cv, 'courtesy_vehicle_id', 'courtesy vehicle');
    if (!cv.active)
      throw new AppError(409, 'conflict', 'This courtesy vehicle is out of service', 'courtesy_vehicle_id');
  }
  if (b.mechanic_id) {
    const m = await s
      .selectFrom('mechanics')
      .select(['id', 'location_id', 'active', 'name', 'skills'])
      .where('id', '=', b.mechanic_id)
      .executeTakeFirst();
    if (!m) throw new AppError(404, 'not_found', `Mechanic ${b.mechanic_id} not found`, 'mechanic_id');
    sameLocation(m, 'mechanic_id', 'mechanic');
    if (!m.active) throw new AppError(409, 'conflict', `${m.name} is no longer active`, 'mechanic_id');
    requireSkill(m, b.required_skill);
    const location = await s.getLocation(b.location_id);
    const hours = await s
      .selectFromChild('mechanic_hours')
      .select(['weekday', 'starts_at', 'ends_at'])
      .where('mechanic_id', '=', m.id)
      .execute();
    if (!withinHours(b.starts_at, b.ends_at, hours, location.time_zone)) {
      throw new AppError(
        409,
        'outside_working_hours',
        `${m.name} does not work at that time (working hours are in ${location.time_zone})`,
        'starts_at',
      );
    }
  }
}

/** Confirming needs someone to do the work: a confirmed appointment always has a mechanic. */
export function checkConfirmable(a: { status: string; mechanic_id?: number | null }): void {
  if (a.status === 'confirmed' && !a.mechanic_id)
    throw new AppError(
      409,
      'mechanic_required',
      'mechanic_id: assign a mechanic before confirming the appointment',
      'mechanic_id',
    );
}

function requireSkill(m: { name: string; skills: string[] | null }, skill: string | null | undefined): void {
  if (skill && !(m.skills ?? []).includes(skill))
    throw new AppError(
      422,
      'mechanic_lacks_skill',
      `mechanic_id: ${m.name} does not have the skill "${skill}" this appointment needs`,
      'mechanic_id',
    );
}

/** The mechanic (already checked at booking) still has the skill the work needs. */
export async function checkMechanicSkill(
  s: Scoped,
  mechanicId: number | null,
  skill: string | null | undefined,
): Promise<void> {
  if (!mechanicId || !skill) return;
  const m = await s
    .selectFrom('mechanics')
    .select(['name', 'skills'])
    .where('id', '=', mechanicId)
    .executeTakeFirstOrThrow();
  requireSkill(m, skill);
}
