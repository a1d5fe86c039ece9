import { z } from 'zod';
import { defineRoute } from '../define.ts';
import { dateStr, id } from '../schemas.ts';
import { findAvailability } from '../../../appointments/find-availability.ts';

export const getAvailabilityRoute = defineRoute({
  method: 'GET',
  path: '/locations/:locationId/availability',
  summary: 'Free slots per mechanic on a date (location time zone), optionally for one skill',
  tag: 'Appointments',
  auth: 'appointments.read',
  isolation: 'tenant',
  params: z.strictObject({ locationId: id }),
  query: z.strictObject({
    date: dateStr,
    duration_minutes: z.coerce.number().int().min(5).max(600).default(60),
    step_minutes: z.coerce.number().int().min(5).max(240).default(30),
    mechanic_id: id.optional(),
    skill: z.string().trim().min(1).max(50).optional(),
  }),
  response: z.object({
    date: z.string(),
    time_zone: z.string(),
    mechanics: z.array(
      z.object({
        mechanic_id: z.number(),
        name: z.string(),
        slots: z.array(z.object({ starts_at: z.string(), ends_at: z.string() })),
      }),
    ),
  }),
  example: (ids) => ({
    params: { locationId: ids.locationId },
    query: { date: '2026-03-11', duration_minutes: 60 },
  }),
  async handler({ s, params, query, now }) {
    const location = await s.getLocation(params.locationId);
    if (query.mechanic_id) await s.find('mechanics', query.mechanic_id, 'Mechanic', 'mechanic_id');
    const mechanics = await findAvailability(s, {
      locationId: location.id,
      timeZone: location.time_zone,
      date: query.date,
      durationMinutes: query.duration_minutes,
      stepMinutes: query.step_minutes,
      mechanicId: query.mechanic_id,
      skill: query.skill,
      now,
    });
    return { date: query.date, time_zone: location.time_zone, mechanics };
  },
});
