// Small presentation helpers shared by the portal pages: dates and times in the location's zone
// and the customer's language, a vehicle's one-line description.
import type { Appointment, Language, Location, Vehicle } from '../../db/schema.ts';
import { formatDay, formatInstantDay, formatInstantTime, localeFor } from '../../i18n/format.ts';
import { pt } from '../../i18n/portal-strings.ts';
import { changeableOnline } from '../../commands/portal/move-own-appointment.ts';

export function describeVehicle(v: Pick<Vehicle, 'year' | 'make' | 'model' | 'vin'>): string {
  return [v.year, v.make, v.model].filter((x) => x !== null && x !== '').join(' ') || v.vin;
}

export function when(at: Date, location: Pick<Location, 'time_zone' | 'country'>, l: Language): string {
  const locale = localeFor(l, location.country);
  return `${formatInstantDay(at, location.time_zone, locale)}, ${formatInstantTime(at, location.time_zone, locale)}`;
}

export function day(date: string, location: Pick<Location, 'country'>, l: Language): string {
  return formatDay(date, localeFor(l, location.country));
}

export function timeOnly(at: Date | string, location: Pick<Location, 'time_zone' | 'country'>, l: Language) {
  return formatInstantTime(at, location.time_zone, localeFor(l, location.country));
}

export function presentAppointment(
  a: Appointment,
  vehicles: Map<number, string>,
  location: Location,
  l: Language,
  now: Date,
) {
  return {
    id: a.id,
    when: when(a.starts_at, location, l),
    vehicle: a.vehicle_id !== null ? (vehicles.get(a.vehicle_id) ?? '') : '',
    service: a.service_requested,
    status: pt(l, a.status === 'confirmed' ? 'appt_status_confirmed' : 'appt_status_requested'),
    changeable: changeableOnline(a, now),
  };
}
