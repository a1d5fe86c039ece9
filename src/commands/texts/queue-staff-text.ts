// What every text staff write goes through, to a customer or to a number that matches no customer:
// refused when the number texted STOP (or could not be reached), else queued as a STAFF_TEXT message
// for the send worker (which checks again at send time and keeps the quiet hours) and written to the
// conversation at once, its outbox row linked (message_id) so the thread shows its status.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { localDate } from '../../appointments/zoned-time.ts';
import type { DB, Location } from '../../db/schema.ts';
import type { Language } from '../../domain/language.ts';
import { UNDELIVERABLE } from '../../domain/sms/keywords.ts';
import { STAFF_TEXT } from '../../domain/sms/staff-text.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';

/** Refuses (409 text_opted_out) when the number texted STOP to the location or could not be reached. */
export async function refuseOptedOutNumber(
  trx: Transaction<DB> | Kysely<DB>,
  scope: Scope,
  locationId: number,
  phone: string,
): Promise<void> {
  const optOut = await scoped(trx, scope)
    .selectFrom('sms_opt_outs')
    .select('keyword')
    .where('location_id', '=', locationId)
    .where('phone', '=', phone)
    .executeTakeFirst();
  if (optOut)
    throw new AppError(
      409,
      'text_opted_out',
      optOut.keyword === UNDELIVERABLE
        ? 'This number could not be reached by text: nothing more is texted to it until it texts START'
        : `This number texted ${optOut.keyword}: it cannot be texted until it texts START`,
      'body',
    );
}

/** Refuses (409 texts_switched_off) when the location's texts are off. */
export function refuseTextsOff(location: Pick<Location, 'sms_enabled'>): void {
  if (!location.sms_enabled)
    throw new AppError(409, 'texts_switched_off', 'Texts are switched off for this location', 'body');
}

export async function queueStaffText(
  trx: Transaction<DB>,
  scope: Scope,
  input: {
    location: Pick<Location, 'id' | 'time_zone'>;
    /** null: a number that matches no customer (the worker texts `phone`, from the payload). */
    customerId: number | null;
    phone: string;
    language: Language;
    body: string;
  },
  now: Date,
) {
  const { location, customerId, phone } = input;
  const message = await trx
    .insertInto('messages')
    .values({
      org_id: scope.orgId,
      location_id: location.id,
      kind: STAFF_TEXT,
      channel: 'sms',
      recipient_type: customerId === null ? 'visitor' : 'customer',
      customer_id: customerId,
      language: input.language,
      due_on: localDate(now, location.time_zone),
      dedupe_key: `staff-text/${location.id}/${customerId ?? phone}/${randomUUID()}`,
      payload: JSON.stringify({
        body: input.body,
        staff_user_id: scope.userId,
        ...(customerId === null ? { to: phone } : {}),
      }),
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    })
    .returning(['id', 'status'])
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('sms_conversation')
    .values({
      org_id: scope.orgId,
      location_id: location.id,
      customer_id: customerId,
      direction: 'out',
      phone,
      body: input.body,
      message_id: message.id,
      read_at: now,
      at: now,
    })
    .returning(['id', 'direction', 'body', 'at', 'intent', 'message_id'])
    .executeTakeFirstOrThrow();
  return { ...row, status: message.status, reason: null as string | null };
}
