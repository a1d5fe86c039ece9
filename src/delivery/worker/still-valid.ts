// The engine decides whether a message is still worth sending (a reminder whose appointment was
// cancelled or moved is not, nor mail to a customer who opted out or came back since):
// src/engine/still-valid.ts. We use its reason-giving form when it has one. Loaded lazily so the
// worker keeps working (everything counts as valid) in a tree where the engine is absent.
import type { Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.ts';

type Check = (db: Kysely<DB>, message: Message) => Promise<boolean | { valid: boolean; reason?: string | null }>;
let check: Check | null | undefined;

export async function stillValid(db: Kysely<DB>, message: Message): Promise<{ valid: boolean; reason: string }> {
  if (check === undefined) {
    const path = '../../engine/still-valid.ts';
    check = await import(path)
      .then((m: { checkMessageStillValid?: Check; isMessageStillValid?: Check }) => m.checkMessageStillValid ?? m.isMessageStillValid ?? null)
      .catch(() => null);
  }
  if (!check) return { valid: true, reason: '' };
  const r = await check(db, message);
  if (typeof r === 'boolean') return { valid: r, reason: r ? '' : 'no longer valid: the appointment was cancelled or moved' };
  return { valid: r.valid, reason: r.valid ? '' : `no longer valid: ${r.reason ?? 'changed since it was decided'}` };
}
