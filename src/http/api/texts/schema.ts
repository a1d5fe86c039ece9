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

/** What staff type to send: one text, up to 1,600 characters (the provider's limit, ten segments). */
export const staffTextBody = z.strictObject({ body: z.string().min(1).max(1600) });

/** A text queued by staff, as the routes that queue one answer it. */
export const presentQueuedText = (row: {
  id: number;
  direction: 'in' | 'out';
  body: string;
  at: Date;
  intent: string | null;
  status: string | null;
  reason: string | null;
}): z.input<typeof textOut> => ({
  id: row.id,
  direction: row.direction,
  body: row.body,
  at: row.at.toISOString(),
  intent: row.intent,
  status: row.status,
  reason: row.reason,
});
