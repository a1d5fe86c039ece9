// Appointment life cycle: requested → confirmed → arrived → in_progress → done, with no_show
// and cancelled as the other ends. Anything else is refused with the allowed next steps.
import type { AppointmentStatus } from '../db/schema.ts';

export const NEXT_STATUS: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  requested: ['confirmed', 'cancelled'],
  confirmed: ['arrived', 'no_show', 'cancelled'],
  arrived: ['in_progress', 'done', 'cancelled'],
  in_progress: ['done'],
  done: [],
  no_show: [],
  cancelled: [],
};

export function canMove(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return NEXT_STATUS[from].includes(to);
}

/** Statuses that hold the mechanic and the courtesy vehicle (the database EXCLUDE agrees). */
export const HOLDS_TIME: readonly AppointmentStatus[] = [
  'requested',
  'confirmed',
  'arrived',
  'in_progress',
  'done',
];
