// Staff answer a number that matches no customer (someone not in the file texted the shop), from
// the inbox. Only a number that texted the location first: this is an answer to their own text,
// a service text, never the start of a conversation with a stranger. There is no customer, so no
// consent for texts on file and no Do Not Mail to look up; the number's STOP (or its undeliverable
// mark) and the location's texts switch are checked here, and again by the send worker, which
// also keeps the quiet hours. Written in the location's language.
import type { Transaction } from 'kysely';
import { audit } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { queueStaffText, refuseOptedOutNumber, refuseTextsOff } from './queue-staff-text.ts';

export interface AnswerUnknownNumberInput {
  locationId: number;
  phone: string;
  body: string;
}

/** Throws 404 unless the number texted the location and matches no customer there. */
export async function unknownNumberAt(
  trx: Transaction<DB>,
  scope: Scope,
  locationId: number,
  phone: string,
): Promise<void> {
  const texted = await scoped(trx, scope)
    .selectFrom('sms_conversation')
    .select('id')
    .where('location_id', '=', locationId)
    .where('phone', '=', phone)
    .where('customer_id', 'is', null)
    .where('direction', '=', 'in')
    .limit(1)
    .executeTakeFirst();
  if (!texted)
    throw new AppError(
      404,
      'not_found',
      `No text from ${phone} matching no customer at this location`,
      'phone',
    );
}

export async function answerUnknownNumber(
  trx: Transaction<DB>,
  scope: Scope,
  input: AnswerUnknownNumberInput,
  now: Date,
) {
  const location = await scoped(trx, scope).getLocation(input.locationId, 'locationId');
  await unknownNumberAt(trx, scope, location.id, input.phone);
  refuseTextsOff(location);
  await refuseOptedOutNumber(trx, scope, location.id, input.phone);
  const row = await queueStaffText(
    trx,
    scope,
    { location, customerId: null, phone: input.phone, language: location.language, body: input.body },
    now,
  );
  await audit(
    trx,
    scope,
    'send_text',
    'location',
    location.id,
    { phone: input.phone, message_id: row.message_id, characters: input.body.length },
    now,
  );
  return row;
}
