// Re-checked by delivery right before sending: is what the engine decided still true? An
// appointment reminder for a time that was cancelled or moved, a customer who asked for no
// mail (or died) since, a "we miss you" for a customer who came back: not sent.
import type { Kysely } from 'kysely';
import type { DB, Message } from '../db/schema.ts';

export type MessageToCheck = Pick<Message, 'org_id' | 'kind' | 'recipient_type' | 'customer_id' | 'vehicle_id' | 'appointment_id' | 'payload'>;

export interface Validity {
  valid: boolean;
  /** Why not (the reason delivery records when it cancels the message). */
  reason: string | null;
}

const APPOINTMENT_KINDS = new Set(['E04', 'E05', 'REMINDER_1', 'REMINDER_2']);

/** True when the message may still be sent. */
export async function isMessageStillValid(db: Kysely<DB>, message: MessageToCheck): Promise<boolean> {
  return (await checkMessageStillValid(db, message)).valid;
}

export async function checkMessageStillValid(db: Kysely<DB>, message: MessageToCheck): Promise<Validity> {
  const payload = (message.payload ?? {}) as { appointment?: { starts_at?: string }; next_visit_on?: string; last_service_on?: string };
  if (message.appointment_id != null && APPOINTMENT_KINDS.has(message.kind)) {
    const a = await db
      .selectFrom('appointments')
      .select(['status', 'starts_at'])
      .where('org_id', '=', message.org_id)
      .where('id', '=', message.appointment_id)
      .executeTakeFirst();
    if (!a || a.status === 'cancelled' || a.status === 'no_show') return no('appointment_cancelled');
    const decided = payload.appointment?.starts_at;
    if (decided && new Date(a.starts_at).getTime() !== Date.parse(decided)) return no('appointment_moved');
  }
  if (message.recipient_type !== 'customer' || message.customer_id == null) return yes();
  const c = await db
    .selectFrom('customers')
    .select(['do_not_mail', 'deceased', 'consent_basis', 'last_visit_on'])
    .where('org_id', '=', message.org_id)
    .where('id', '=', message.customer_id)
    .executeTakeFirst();
  if (!c) return no('customer_deleted');
  if (c.deceased) return no('deceased');
  if (c.do_not_mail) return no('do_not_mail');
  if (c.consent_basis === 'none') return no('no_consent');
  if (message.kind === 'INACTIVE' && payload.last_service_on && c.last_visit_on && c.last_visit_on > payload.last_service_on) {
    return no('customer_came_back');
  }
  if ((message.kind === 'REMINDER_1' || message.kind === 'REMINDER_2') && message.appointment_id == null && message.vehicle_id != null && payload.next_visit_on) {
    const v = await db.selectFrom('vehicles').select(['next_visit_on', 'status']).where('org_id', '=', message.org_id).where('id', '=', message.vehicle_id).executeTakeFirst();
    if (!v || v.next_visit_on !== payload.next_visit_on) return no('next_visit_changed');
  }
  if (message.vehicle_id != null && message.kind !== 'THANK_YOU' && message.kind !== 'E03') {
    const v = await db.selectFrom('vehicles').select('status').where('org_id', '=', message.org_id).where('id', '=', message.vehicle_id).executeTakeFirst();
    if (v && v.status !== 'active') return no(`vehicle_${v.status}`);
  }
  return yes();
}

const yes = (): Validity => ({ valid: true, reason: null });
const no = (reason: string): Validity => ({ valid: false, reason });
