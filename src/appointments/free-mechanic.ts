// A mechanic free for a whole slot that starts at a given time, from the same availability the
// staff see (working hours minus bookings): the portal offers start times, not mechanics, and the
// booking goes to the first mechanic free then. The database's EXCLUDE still decides races.
import type { Scoped } from '../tenancy/scoped.ts';
import { findAvailability } from './find-availability.ts';
import { localDateTime } from '../domain/time/dates.ts';

export const PORTAL_SLOT_MINUTES = 60;
export const PORTAL_STEP_MINUTES = 30;

export interface SlotOffer {
  starts_at: string;
  ends_at: string;
  mechanic_ids: number[];
}

/**
 * Free start times on a local date, each with the mechanics free then; earliest first. For an
 * appointment being moved (`ignoreAppointmentId`), its own time is not busy and, unless `skill`
 * says otherwise, only mechanics having its required skill are offered.
 */
export async function freeSlots(
  s: Scoped,
  location: { id: number; time_zone: string },
  date: string,
  now: Date,
  ignoreAppointmentId?: number,
  skill?: string | null,
): Promise<SlotOffer[]> {
  if (skill === undefined && ignoreAppointmentId)
    skill = (
      await s
        .selectFrom('appointments')
        .select('required_skill')
        .where('id', '=', ignoreAppointmentId)
        .executeTakeFirst()
    )?.required_skill;
  const mechanics = await findAvailability(s, {
    locationId: location.id,
    timeZone: location.time_zone,
    date,
    durationMinutes: PORTAL_SLOT_MINUTES,
    stepMinutes: PORTAL_STEP_MINUTES,
    now,
    ...(ignoreAppointmentId ? { ignoreAppointmentId } : {}),
    ...(skill ? { skill } : {}),
  });
  const byStart = new Map<string, SlotOffer>();
  for (const m of mechanics)
    for (const slot of m.slots) {
      const offer = byStart.get(slot.starts_at) ?? { ...slot, mechanic_ids: [] };
      offer.mechanic_ids.push(m.mechanic_id);
      byStart.set(slot.starts_at, offer);
    }
  return [...byStart.values()].sort((a, b) => a.starts_at.localeCompare(b.starts_at));
}

/**
 * The mechanics free for the slot starting at `startsAt` (and having `skill`, when the work needs
 * one), or [] when that time is not offered.
 */
export async function mechanicsFreeAt(
  s: Scoped,
  location: { id: number; time_zone: string },
  startsAt: Date,
  now: Date,
  ignoreAppointmentId?: number,
  skill?: string | null,
): Promise<{ mechanicIds: number[]; endsAt: Date }> {
  const date = localDateTime(startsAt, location.time_zone).date;
  const offers = await freeSlots(s, location, date, now, ignoreAppointmentId, skill);
  const offer = offers.find((o) => new Date(o.starts_at).getTime() === startsAt.getTime());
  return {
    mechanicIds: offer?.mechanic_ids ?? [],
    endsAt: new Date(startsAt.getTime() + PORTAL_SLOT_MINUTES * 60_000),
  };
}
