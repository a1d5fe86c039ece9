// Appointments three weeks back and three weeks ahead on the mechanics' working hours: past
// ones done or no-show, future ones confirmed or requested, a few walk-in visitors not yet in
// the file. One-hour slots per mechanic, so the database's no-double-booking rule holds.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Language } from '../domain/language.ts';
import type { StaffResources } from './add-staff-resources.ts';
import { fromDay, toDay, weekdayOf } from './dates.ts';
import { emailLocalPart, FIRST_NAMES, LAST_NAMES } from './names.ts';
import type { Random } from './random.ts';
import { LABOR, PACKAGES } from './services.ts';

export interface Regular {
  customerId: number;
  vehicleId: number;
  language: Language;
}

export async function addAppointments(
  db: Kysely<DB>,
  random: Random,
  scope: { orgId: number; locationId: number; locationIndex: number; timeZone: string; today: string },
  staff: StaffResources,
  regulars: Regular[],
): Promise<number> {
  const rows = {
    external_ref: [] as string[],
    customer_id: [] as (number | null)[],
    vehicle_id: [] as (number | null)[],
    visitor_name: [] as (string | null)[],
    visitor_email: [] as (string | null)[],
    visitor_language: [] as (Language | null)[],
    mechanic_id: [] as number[],
    courtesy_vehicle_id: [] as (number | null)[],
    starts: [] as string[],
    ends: [] as string[],
    status: [] as string[],
    source: [] as string[],
    service_requested: [] as string[],
    confirmed: [] as boolean[],
  };
  const today = toDay(scope.today);
  for (let day = today - 21; day <= today + 21; day++) {
    const weekday = weekdayOf(day);
    if (weekday === 0) continue;
    const lastHour = weekday === 6 ? 11 : 16;
    staff.mechanicIds.forEach((mechanicId, m) => {
      if (weekday === 6 && m % 2 === 1) return;
      for (let hour = 8; hour <= lastHour; hour++) {
        if (
          !random.chance(
            day < today ? 0.55 : day === today ? 0.7 : Math.max(0.1, 0.6 - (day - today) * 0.025),
          )
        )
          continue;
        const visitor = regulars.length === 0 || random.chance(0.06);
        const regular = visitor ? null : random.pick(regulars);
        const status =
          day < today
            ? random.weighted([
                ['done', 85],
                ['no_show', 10],
                ['cancelled', 5],
              ] as const)
            : day === today
              ? 'confirmed'
              : random.weighted([
                  ['confirmed', 75],
                  ['requested', 25],
                ] as const);
        const language = random.pick(['en', 'fr', 'es'] as const);
        const first = random.pick(FIRST_NAMES[language]);
        const last = random.pick(LAST_NAMES[language]);
        rows.external_ref.push(`APT-${scope.locationIndex + 1}-${fromDay(day)}-${m + 1}-${hour}`);
        rows.customer_id.push(regular?.customerId ?? null);
        rows.vehicle_id.push(regular?.vehicleId ?? null);
        rows.visitor_name.push(visitor ? `${first} ${last}` : null);
        rows.visitor_email.push(visitor ? `${emailLocalPart(first, last)}@example.org` : null);
        rows.visitor_language.push(visitor ? language : null);
        rows.mechanic_id.push(mechanicId);
        // Courtesy car i rides with mechanic i only, so its bookings never overlap either.
        rows.courtesy_vehicle_id.push(
          m < staff.courtesyIds.length && random.chance(0.25) ? staff.courtesyIds[m]! : null,
        );
        rows.starts.push(`${fromDay(day)} ${String(hour).padStart(2, '0')}:00`);
        rows.ends.push(`${fromDay(day)} ${String(hour).padStart(2, '0')}:${random.pick(['45', '59'])}`);
        rows.status.push(status);
        rows.source.push(random.chance(0.3) ? 'portal' : 'staff');
        rows.service_requested.push(
          random.pick([...PACKAGES, ...LABOR]).description[regular?.language ?? language],
        );
        rows.confirmed.push(status !== 'requested');
      }
    });
  }
  if (rows.external_ref.length === 0) return 0;
  // Slots are local wall-clock times of the location; the database converts them with its zone.
  await sql`
    INSERT INTO appointments (org_id, location_id, external_ref, customer_id, vehicle_id, visitor_name, visitor_email,
      visitor_language, mechanic_id, courtesy_vehicle_id, starts_at, ends_at, status, source, service_requested, confirmed_at)
    SELECT ${scope.orgId}::bigint, ${scope.locationId}::bigint, t.ref, t.cust, t.veh, t.vname, t.vemail, t.vlang, t.mech, t.car,
           t.starts::timestamp AT TIME ZONE ${scope.timeZone}, t.ends::timestamp AT TIME ZONE ${scope.timeZone}, t.status, t.source, t.service,
           CASE WHEN t.confirmed THEN (t.starts::timestamp - interval '2 days') AT TIME ZONE ${scope.timeZone} END
    FROM unnest(${rows.external_ref}::text[], ${rows.customer_id}::bigint[], ${rows.vehicle_id}::bigint[], ${rows.visitor_name}::text[],
                ${rows.visitor_email}::text[], ${rows.visitor_language}::text[], ${rows.mechanic_id}::bigint[], ${rows.courtesy_vehicle_id}::bigint[],
                ${rows.starts}::text[], ${rows.ends}::text[], ${rows.status}::text[], ${rows.source}::text[], ${rows.service_requested}::text[],
                ${rows.confirmed}::boolean[])
      AS t(ref, cust, veh, vname, vemail, vlang, mech, car, starts, ends, status, source, service, confirmed)`.execute(
    db,
  );
  return rows.external_ref.length;
}
