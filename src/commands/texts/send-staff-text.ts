// A staff member answers a customer's texts from the console's inbox. The answer is queued as a
// message of kind STAFF_TEXT on channel sms (its body in the payload), so it goes out through the
// send worker like every text: the same claim, still-valid check, opt-out, consent, quiet hours,
// provider or local catcher, status callbacks. It joins the customer's conversation at once
// (message_id links it to its outbox row, whose status the thread shows). Refused before anything
// is written when it could not go out: texts switched off at the location, no mobile number, the
// number texted STOP (or could not be reached), no consent for texts, or the customer asked for no
// messages at all.
import type { Kysely, Transaction } from 'kysely';
import { audit } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import { textConsentHold } from '../../domain/sms/text-consent.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';

export { STAFF_TEXT } from '../../domain/sms/staff-text.ts';
import { queueStaffText, refuseOptedOutNumber, refuseTextsOff } from './queue-staff-text.ts';

export interface SendStaffTextInput {
  locationId: number;
  customerId: number;
  body: string;
}

/**
 * Why staff cannot text this customer now (the error sendStaffText would throw), or null. The
 * conversation's read route shows it before staff type (the "Send a text" action on the card).
 */
export async function staffTextRefusal(
  trx: Transaction<DB> | Kysely<DB>,
  scope: Scope,
  locationId: number,
  customerId: number,
): Promise<AppError | null> {
  try {
    await checkStaffText(trx, scope, locationId, customerId);
    return null;
  } catch (e) {
    if (e instanceof AppError && e.status === 409) return e;
    throw e;
  }
}

async function checkStaffText(
  trx: Transaction<DB> | Kysely<DB>,
  scope: Scope,
  locationId: number,
  customerId: number,
) {
  const s = scoped(trx, scope);
  const location = await s.getLocation(locationId, 'locationId');
  const customer = await s
    .selectFrom('customers')
    .select(['id', 'mobile_phone', 'language', 'do_not_mail'])
    .where('id', '=', customerId)
    .where('location_id', '=', location.id)
    .executeTakeFirst();
  if (!customer) throw new AppError(404, 'not_found', `Customer ${customerId} not found`, 'customerId');
  refuseTextsOff(location);
  const to = customer.mobile_phone?.trim();
  if (!to)
    throw new AppError(409, 'no_mobile_phone', 'The customer has no mobile number on file', 'mobile_phone');
  if (customer.do_not_mail)
    throw new AppError(409, 'customer_opted_out', 'The customer asked for no messages (do not mail)', 'body');
  await refuseOptedOutNumber(trx, scope, location.id, to);
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
  return { location, customer, to };
}

export async function sendStaffText(
  trx: Transaction<DB>,
  scope: Scope,
  input: SendStaffTextInput,
  now: Date,
) {
  const { location, customer, to } = await checkStaffText(trx, scope, input.locationId, input.customerId);
  const row = await queueStaffText(
    trx,
    scope,
    {
      location,
      customerId: customer.id,
      phone: to,
      language: customer.language ?? location.language,
      body: input.body,
    },
    now,
  );
  await audit(
    trx,
    scope,
    'send_text',
    'customer',
    customer.id,
    { message_id: row.message_id, characters: input.body.length },
    now,
  );
  return row;
}
