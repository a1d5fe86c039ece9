// The engine decides whether a message is still worth sending (a reminder whose appointment was
// cancelled or moved is not): isMessageStillValid(db, message) in src/engine/still-valid.ts.
// Until that module lands in the tree, every message counts as valid.
import type { Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.ts';

type Check = (db: Kysely<DB>, message: Message) => Promise<boolean | { valid: boolean; reason?: string }>;
let check: Check | null | undefined;

export async function stillValid(db: Kysely<DB>, message: Message): Promise<{ valid: boolean; reason: string }> {
  if (check === undefined) {
    const path = '../../engine/still-valid.ts';
    check = await import(path).then((m: { isMessageStillValid?: Check }) => m.isMessageStillValid ?? null).catch(() => null);
  }
  if (!check) return { valid: true, reason: '' };
  const r = await check(db, message);
  if (typeof r === 'boolean') return { valid: r, reason: r ? '' : 'no longer valid: the appointment was cancelled or moved' };
  return { valid: r.valid, reason: r.reason ?? 'no longer valid' };
}
