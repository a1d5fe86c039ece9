// Free slots of a location's mechanics on one local date: each working-hour block cut into
// slots of the requested length on a fixed step, minus what is already booked. One query for
// hours and one for bookings, whatever the number of mechanics; all through the request scope.
import { sql } from 'kysely';
import type { Scoped } from '../tenancy/scoped.ts';
import { blocksOn } from './working-hours.ts';
import { zonedTime } from './zoned-time.ts';

export interface AvailabilityRequest {
  locationId: number;
  timeZone: string;
  date: string;
  durationMinutes: number;
  stepMinutes: number;
  mechanicId?: number;
  /** Only mechanics with this skill. */
  skill?: string;
  now: Date;
  /** An appointment being moved: its own time does not count as busy. */
  ignoreAppointmentId?: number;
}

export interface MechanicSlots {
  mechanic_id: number;
  name: string;
  slots: Array<{ starts_at: string; ends_at: string }>;
}

export async function findAvailability(s: Scoped, r: AvailabilityRequest): Promise<MechanicSlots[]> {
  let mq = s
    .selectFrom('mechanics')
    .select(['id', 'name'])
    .where('location_id', '=', r.locationId)
    .where('active', '=', true)
    .orderBy('id');
  if (r.mechanicId) mq = mq.where('id', '=', r.mechanicId);
  if (r.skill) mq = mq.where((eb) => eb(eb.val(r.skill!), '=', eb.fn.any('skills')));
  const mechanics = await mq.execute();
  if (mechanics.length === 0) return [];
  const ids = mechanics.map((m) => m.id);
  const hours = await s
    .selectFromChild('mechanic_hours')
    .select(['mechanic_id', 'weekday', 'starts_at', 'ends_at'])
    .where('mechanic_id', 'in', ids)
    .execute();
  const dayStart = zonedTime(r.date, '00:00', r.timeZone);
  const dayEnd = new Date(dayStart.getTime() + 36 * 3600_000);
  const booked = await s
    .selectFrom('appointments')
    .select(['id', 'mechanic_id', 'starts_at', 'ends_at'])
    .where('mechanic_id', 'in', ids)
    .where('status', 'not in', ['cancelled', 'no_show'])
    .where(sql<boolean>`tstzrange(starts_at, ends_at) && tstzrange(${dayStart}, ${dayEnd})`)
    .execute();
  const length = r.durationMinutes * 60_000;
  const step = r.stepMinutes * 60_000;
  return mechanics.map((m) => {
    const busy = booked.filter((b) => b.mechanic_id === m.id && b.id !== r.ignoreAppointmentId);
    const slots: MechanicSlots['slots'] = [];
    for (const block of blocksOn(
      r.date,
      hours.filter((h) => h.mechanic_id === m.id),
      r.timeZone,
    )) {
      for (let t = block.start.getTime(); t + length <= block.end.getTime(); t += step) {
        const start = t;
        const end = t + length;
        if (start < r.now.getTime()) continue;
        if (busy.some((b) => b.starts_at.getTime() < end && start < b.ends_at.getTime())) continue;
        slots.push({ starts_at: new Date(start).toISOString(), ends_at: new Date(end).toISOString() });
      }
    }
    return { mechanic_id: m.id, name: m.name, slots };
  });
}
