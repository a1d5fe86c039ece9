// The text inbox's shapes, shared by its routes.
import { z } from 'zod';
import { e164, id } from '../schemas.ts';

export const conversationParams = z.strictObject({ locationId: id, customerId: id });
/** A number that matches no customer, in E.164 (the + URL-encoded as %2B or not). */
export const numberParams = z.strictObject({ locationId: id, phone: e164 });

export const textOut = z.object({
  id: z.number(),
  direction: z.enum(['in', 'out']),
  body: z.string(),
  at: z.string(),
  intent: z.string().nullable(),
  /** For texts sent: the outbox status (pending until the send worker sends it, sent, held, failed…). */
  status: z.string().nullable(),
  reason: z.string().nullable(),
});
