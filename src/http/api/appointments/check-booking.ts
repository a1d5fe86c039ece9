// Checks shared by booking and moving: every referenced record is in scope and at the same
// location, the mechanic and courtesy vehicle are active, and the time is inside the mechanic's
// working hours (in the location's time zone). Overlaps are left to the database's EXCLUDE
// constraints, which hold even under concurrent requests (mapped to 409 in db-errors.ts).
import type { Scoped } from '../../../tenancy/scoped.ts';
import { withinHours } from '../../../appointments/working-hours.ts';
import { HttpError } from '../../errors.ts';

export interface Booking {
  location_id: number;
  customer_id?: number | null;
  vehicle_id?: number | null;
  mechanic_id?: number | null;
  courtesy_vehicle_id?: number | null;
  starts_at: Date;
  ends_at: Date;
}

export async function checkBooking(s: Scoped, b: Booking): Promise<void> {
  const sameLocation = (row: { location_id: number }, field: string, what: string) => {
    if (row.location_id !== b.location_id) throw new HttpError(400, 'invalid_input', `${field}: the ${what} belongs to another location`, field);
  };
  if (b.customer_id) await s.find('customers', b.customer_id, 'Customer', 'customer_id');
  if (b.vehicle_id) await s.find('vehicles', b.vehicle_id, 'Vehicle', 'vehicle_id');
  if (b.courtesy_vehicle_id) {
    const cv = await s.selectFrom('courtesy_vehicles').select(['id', 'location_id', 'active']).where('id', '=', b.courtesy_vehicle_id).executeTakeFirst();
    if (!cv) throw new HttpError(404, 'not_found', `Courtesy vehicle ${b.courtesy_vehicle_id} not found`, 'courtesy_vehicle_id');
    sameLocation(cv, 'courtesy_vehicle_id', 'courtesy vehicle');
    if (!cv.active) throw new HttpError(409, 'conflict', 'This courtesy vehicle is out of service', 'courtesy_vehicle_id');
  }
  if (b.mechanic_id) {
    const m = await s.selectFrom('mechanics').select(['id', 'location_id', 'active', 'name']).where('id', '=', b.mechanic_id).executeTakeFirst();
    if (!m) throw new HttpError(404, 'not_found', `Mechanic ${b.mechanic_id} not found`, 'mechanic_id');
    sameLocation(m, 'mechanic_id', 'mechanic');
    if (!m.active) throw new HttpError(409, 'conflict', `${m.name} is no longer active`, 'mechanic_id');
    const location = await s.getLocation(b.location_id);
    const hours = await s.selectFromChild('mechanic_hours').select(['weekday', 'starts_at', 'ends_at']).where('mechanic_id', '=', m.id).execute();
    if (!withinHours(b.starts_at, b.ends_at, hours, location.time_zone)) {
      throw new HttpError(409, 'outside_working_hours', `${m.name} does not work at that time (working hours are in ${location.time_zone})`, 'starts_at');
    }
  }
}
