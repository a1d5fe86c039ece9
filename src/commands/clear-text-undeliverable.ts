// Clear the 'undeliverable' mark on a customer's mobile number (sms_opt_outs, keyword
// 'undeliverable', set when a text to it failed): staff fixed the number, or checked it takes texts.
// Only that mark: a STOP the customer texted is theirs to undo (START), not staff's. Audited.
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { audit } from '../accounts/audit.ts';
import { notFound } from '../errors/app-error.ts';
import { UNDELIVERABLE } from '../domain/sms/keywords.ts';

export interface TextUndeliverableState {
  customer_id: number;
  mobile_phone: string | null;
  /** True when a mark was cleared by this call (false: there was none). */
  cleared: boolean;
}

export async function clearTextUndeliverable(
  trx: Transaction<DB>,
  scope: Scope,
  input: { customerId: number },
  now: Date,
): Promise<TextUndeliverableState> {
  const customer = await scoped(trx, scope)
    .selectFrom('customers')
    .select(['id', 'location_id', 'mobile_phone'])
    .where('id', '=', input.customerId)
    .forUpdate()
    .executeTakeFirst();
  if (!customer) throw notFound(`Customer ${input.customerId}`);
  const phone = customer.mobile_phone?.trim() || null;
  const cleared = phone
    ? await trx
        .deleteFrom('sms_opt_outs')
        .where('org_id', '=', scope.orgId)
        .where('location_id', '=', customer.location_id)
        .where('phone', '=', phone)
        .where('keyword', '=', UNDELIVERABLE)
        .returning('phone')
        .executeTakeFirst()
    : undefined;
  // Audited even when there was no mark: staff asked, and the entry says nothing changed.
  await audit(
    trx,
    scope,
    'clear_text_undeliverable',
    'customer',
    customer.id,
    cleared ? { text_undeliverable: { from: phone, to: null } } : {},
    now,
    customer.location_id,
  );
  return { customer_id: customer.id, mobile_phone: phone, cleared: cleared !== undefined };
}
