// When an appointment is moved or cancelled, the messages still waiting for it (its reminders,
// a confirmation for the old time) are cancelled at once with the reason; the daily run and the
// confirmation of the new time write new ones. The send-time check (engine/still-valid.ts) would
// catch them too; cancelling here keeps the customer's outbox honest meanwhile.
// The reasons are the engine's codes (still-valid.ts), one spelling everywhere.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export async function cancelAppointmentMessages(
  db: Kysely<DB> | Transaction<DB>,
  orgId: number,
  appointmentId: number,
  reason: 'appointment_moved' | 'appointment_cancelled',
  now: Date,
): Promise<number> {
  const res = await db
    .updateTable('messages')
    .set({ status: 'cancelled', reason, updated_at: now })
    .where('org_id', '=', orgId)
    .where('appointment_id', '=', appointmentId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
