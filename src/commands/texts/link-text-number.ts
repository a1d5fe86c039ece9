// Staff recognise a number that matches no customer: they link it to a customer of the location.
// Its conversation becomes the customer's (every text from and to the number at the location), and
// the customer's mobile number becomes this number when they had none, so their next texts match
// them (receive-text looks customers up by mobile number). A customer with another mobile number is
// refused: staff change the number on the contact card first, knowingly.
import type { Transaction } from 'kysely';
import { audit } from '../../accounts/audit.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Scope } from '../../tenancy/scope.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { updateCustomer } from '../update-customer.ts';
import { unknownNumberAt } from './answer-unknown-number.ts';

export interface LinkTextNumberInput {
  locationId: number;
  phone: string;
  customerId: number;
}

export async function linkTextNumber(
  trx: Transaction<DB>,
  scope: Scope,
  input: LinkTextNumberInput,
  now: Date,
): Promise<{ customer_id: number; mobile_phone: string; linked: number }> {
  const s = scoped(trx, scope);
  const location = await s.getLocation(input.locationId, 'locationId');
  await unknownNumberAt(trx, scope, location.id, input.phone);
  const customer = await s
    .selectFrom('customers')
    .select(['id', 'mobile_phone'])
    .where('id', '=', input.customerId)
    .where('location_id', '=', location.id)
    .executeTakeFirst();
  if (!customer)
    throw new AppError(404, 'not_found', `Customer ${input.customerId} not found`, 'customer_id');
  const mobile = customer.mobile_phone?.trim() || null;
  if (mobile && mobile !== input.phone)
    throw new AppError(
      409,
      'mobile_phone_differs',
      `The customer's mobile number is ${mobile}: change it on their file first to link ${input.phone}`,
      'customer_id',
      { mobile, phone: input.phone },
    );
  if (!mobile)
    await updateCustomer(trx, scope, { customerId: customer.id, fields: { mobile_phone: input.phone } }, now);
  const linked = await s
    .updateTable('sms_conversation')
    .set({ customer_id: customer.id })
    .where('location_id', '=', location.id)
    .where('phone', '=', input.phone)
    .where('customer_id', 'is', null)
    .executeTakeFirst();
  const n = Number(linked.numUpdatedRows);
  await audit(trx, scope, 'link_text_number', 'customer', customer.id, { phone: input.phone, texts: n }, now);
  return { customer_id: customer.id, mobile_phone: input.phone, linked: n };
}
