// The engine decides whether a message is still worth sending (a reminder whose appointment was
// cancelled or moved is not, nor mail to a customer who opted out or came back since):
// src/engine/still-valid.ts. Delivery asks it for a whole claimed batch at once (a few set-based
// queries, not one per message). A static import with no fallback: if the check cannot load, the
// worker does not start, rather than sending every message as if it were still valid.
import type { Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.ts';
import { checkMessagesStillValid } from '../../engine/still-valid.ts';

export interface StillValid {
  valid: boolean;
  reason: string;
}

/** One answer per message, in order. */
export async function stillValidMany(db: Kysely<DB>, messages: Message[]): Promise<StillValid[]> {
  if (!messages.length) return [];
  return (await checkMessagesStillValid(db, messages)).map((r) => ({
    valid: r.valid,
    // The engine's own code (`do_not_mail`, `appointment_cancelled`…): one spelling everywhere.
    reason: r.valid ? '' : (r.reason ?? 'changed since it was decided'),
  }));
}

export async function stillValid(db: Kysely<DB>, message: Message): Promise<StillValid> {
  return (await stillValidMany(db, [message]))[0]!;
}
