// Schemas and helpers shared by the routes of this folder (one route per file).
import { z } from 'zod';
import { iso } from '../schemas.ts';
import type { Message } from '../../../db/schema.ts';

export const messageOut = z.object({
  id: z.number(),
  location_id: z.number(),
  kind: z.string(),
  channel: z.string(),
  recipient_type: z.string(),
  customer_id: z.number().nullable(),
  vehicle_id: z.number().nullable(),
  appointment_id: z.number().nullable(),
  recipient_email: z.string().nullable(),
  language: z.string(),
  due_on: z.string(),
  status: z.string(),
  reason: z.string().nullable(),
  attempts: z.number(),
  sent_at: z.string().nullable(),
  created_at: z.string(),
});

export const present = (m: Message) => ({
  id: m.id,
  location_id: m.location_id,
  kind: m.kind,
  channel: m.channel,
  recipient_type: m.recipient_type,
  customer_id: m.customer_id,
  vehicle_id: m.vehicle_id,
  appointment_id: m.appointment_id,
  recipient_email: m.recipient_email,
  language: m.language,
  due_on: m.due_on,
  status: m.status,
  reason: m.reason,
  attempts: m.attempts,
  sent_at: iso(m.sent_at),
  created_at: iso(m.created_at)!,
});
