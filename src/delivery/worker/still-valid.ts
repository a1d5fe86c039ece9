// The engine decides whether a message is still worth sending (a reminder whose appointment was
// cancelled or moved is not, nor mail to a customer who opted out or came back since):
// src/engine/still-valid.ts. Delivery asks it for a whole claimed batch at once (a few set-based
// queries, not one per message). Loaded lazily so the worker keeps working (everything counts
// as valid) in a tree where the engine is absent.
import type { Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.ts';

type Answer = boolean | { valid: boolean; reason?: string | null };
interface EngineModule {
  checkMessagesStillValid?: (db: Kysely<DB>, messages: Message[]) => Promise<Answer[]>;
  checkMessageStillValid?: (db: Kysely<DB>, message: Message) => Promise<Answer>;
  isMessageStillValid?: (db: Kysely<DB>, message: Message) => Promise<Answer>;
}
type CheckMany = (db: Kysely<DB>, messages: Message[]) => Promise<Answer[]>;
let checkMany: CheckMany | null | undefined;

export interface StillValid {
  valid: boolean;
  reason: string;
}

async function engineCheck(): Promise<CheckMany | null> {
  if (checkMany === undefined) {
    const path = '../../engine/still-valid.ts';
    const m = (await import(path).catch(() => null)) as EngineModule | null;
    const one = m?.checkMessageStillValid ?? m?.isMessageStillValid;
    checkMany = m?.checkMessagesStillValid ?? (one ? (db, ms) => Promise.all(ms.map((x) => one(db, x))) : null);
  }
  return checkMany;
}

/** One answer per message, in order. */
export async function stillValidMany(db: Kysely<DB>, messages: Message[]): Promise<StillValid[]> {
  const check = await engineCheck();
  if (!check || !messages.length) return messages.map(() => ({ valid: true, reason: '' }));
  return (await check(db, messages)).map((r) => {
    if (typeof r === 'boolean') return { valid: r, reason: r ? '' : 'no longer valid: the appointment was cancelled or moved' };
    return { valid: r.valid, reason: r.valid ? '' : `no longer valid: ${r.reason ?? 'changed since it was decided'}` };
  });
}

export async function stillValid(db: Kysely<DB>, message: Message): Promise<StillValid> {
  return (await stillValidMany(db, [message]))[0]!;
}
