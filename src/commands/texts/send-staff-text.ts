// A staff member answers a customer's texts from the console's inbox. The answer is queued as a
// message of kind STAFF_TEXT on channel sms (its body in the payload), so it goes out through the
// send worker like every text: the same claim, still-valid check, opt-out, consent, quiet hours,
// provider or local catcher, status callbacks. It joins the customer's conversation at once
// (message_id links it to its outbox row, whose status the thread shows). Refused before anything
// is written when it could not go out: texts switched off at the location, no mobile number, the
// number texted STOP (or could not be reached), no consent for texts, or the customer asked for no
// messages at all.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { audit } from '../../accounts/audit.ts';
import { localDate } from '../../appointments/zoned-time.ts';
import type { DB } from '../../db/schema.ts';
import { UNDELIVERABLE } from '../../domain/sms/keywords.ts';
import { textConsentHold } from '../../domain/sms/text-consent.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';

export { STAFF_TEXT } from '../../domain/sms/staff-text.ts';
import { STAFF_TEXT } from '../../domain/sms/staff-text.ts';

export interface SendStaffTextInput {
  locationId: number;
  customerId: number;
  body: string;
}

export async function sendStaffText(
  trx: Transaction<DB>,
  scope: Scope,
  input: SendStaffTextInput,
  now: Date,
) {
  const s = scoped(trx, scope);
  const location = await s.getLocation(input.locationId, 'locationId');
  const customer = await s
    .selectFrom('customers')
    .select(['id', 'mobile_phone', 'language', 'do_not_mail'])
    .where('id', '=', input.customerId)
    .where('location_id', '=', location.id)
    .executeTakeFirst();
  if (!customer) throw new AppError(404, 'not_found', `Customer ${input.customerId} not found`, 'customerId');
  if (!location.sms_enabled)
    throw new AppError(409, 'texts_switched_off', 'Texts are switched off for this location', 'body');
  const to = customer.mobile_phone?.trim();
  if (!to)
    throw new AppError(409, 'no_mobile_phone', 'The customer has no mobile number on file', 'mobile_phone');
  if (customer.do_not_mail)
    throw new AppError(409, 'customer_opted_out', 'The customer asked for no messages (do not mail)', 'body');
  const optOut = await s
    .selectFrom('sms_opt_outs')
    .select('keyword')
    .where('location_id', '=', location.id)
    .where('phone', '=', to)
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
  const consents = await s
    .selectFromChild('customer_consents')
    .select(['purpose', 'basis'])
    .where('customer_id', '=', customer.id)
    .where('channel', '=', 'text')
    .execute();
  if (textConsentHold('service', consents))
    throw new AppError(
      409,
      'no_text_consent',
      'The customer has not agreed to texts (record their consent for texts first)',
      'body',
    );

  const message = await trx
    .insertInto('messages')
    .values({
      org_id: scope.orgId,
      location_id: location.id,
      kind: STAFF_TEXT,
      channel: 'sms',
      customer_id: customer.id,
      language: customer.language ?? location.language,
      due_on: localDate(now, location.time_zone),
      dedupe_key: `staff-text/${location.id}/${customer.id}/${randomUUID()}`,
      payload: JSON.stringify({ body: input.body, staff_user_id: scope.userId }),
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
      customer_id: customer.id,
      direction: 'out',
      phone: to,
      body: input.body,
      message_id: message.id,
      read_at: now,
      at: now,
    })
    .returning(['id', 'direction', 'body', 'at', 'intent', 'message_id'])
    .executeTakeFirstOrThrow();
  await audit(
    trx,
    scope,
    'send_text',
    'customer',
    customer.id,
    { message_id: message.id, characters: input.body.length },
    now,
  );
  return { ...row, status: message.status, reason: null as string | null };
}
