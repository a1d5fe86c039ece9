// The text inbox's shapes, shared by its routes.
import { z } from 'zod';
import { id } from '../schemas.ts';

export const conversationParams = z.strictObject({ locationId: id, customerId: id });

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
