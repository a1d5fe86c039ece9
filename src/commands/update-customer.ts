// Edit a customer: only the fields given change; the audit log records each one from → to.
// Do Not Mail changes through the one rule (staff may turn it on or off).
import type { Transaction } from 'kysely';
import type { Customer, DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { audit, diff } from '../accounts/audit.ts';
import { notFound } from '../errors/app-error.ts';
import { checkSalesRep } from './check-sales-rep.ts';
import type { CustomerFields } from './customer-fields.ts';
import { doNotMailChange } from './set-do-not-mail.ts';
import { CommandError } from './command-error.ts';
import { CUSTOMER_OPT_OUT_SOURCES, recordConsent } from './record-consent.ts';

export interface UpdateCustomerInput {
  customerId: number;
  fields: CustomerFields;
}

export async function updateCustomer(
  trx: Transaction<DB>,
  scope: Scope,
  input: UpdateCustomerInput,
  now: Date,
): Promise<Customer> {
  const { customerId, fields } = input;
  const s = scoped(trx, scope);
  const before = await s
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', customerId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound(`Customer ${customerId}`);
  if (fields.sales_rep_user_id) await checkSalesRep(trx, scope, fields.sales_rep_user_id);
  // The customer's own opt-out is not staff's to undo: new express consent with its evidence is
  // (record-consent, PUT /customers/:id/consents/:channel/:purpose).
  if (
    fields.do_not_mail === false &&
    before.do_not_mail &&
    CUSTOMER_OPT_OUT_SOURCES.includes(before.do_not_mail_source ?? '')
  )
    throw new CommandError(
      409,
      'customer_opted_out',
      'do_not_mail: the customer unsubscribed themselves; record their new express consent with its evidence (PUT /customers/:id/consents/email/marketing) to re-subscribe them',
      'do_not_mail',
    );
  const dnm =
    fields.do_not_mail === undefined ? null : doNotMailChange(before, fields.do_not_mail, 'staff', now);
  const after = await s
    .updateTable('customers')
    .set({ ...fields, ...dnm, updated_at: now })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const changes = diff(before, fields);
  if (Object.keys(changes).length > 0) await audit(trx, scope, 'update', 'customer', before.id, changes, now);
  // A number added where there was none keeps the consent on record (given with the number, as
  // on a signed work order, before it was typed in); a number changed or removed ends it.
  if (
    before.mobile_phone &&
    'mobile_phone' in fields &&
    (fields.mobile_phone ?? null) !== before.mobile_phone
  )
    await withdrawTextConsent(trx, scope, before.id, before.mobile_phone, fields.mobile_phone ?? null, now);
  return after;
}

// Consent for texts is given for a number (the law asks for the consent of the number's
// subscriber): a new number, even a corrected one, is not covered by the old number's consent.
// Staff record the customer's consent for the new number (PUT …/consents/text/:purpose), as the
// portal asks the customer to tick again (update-own-file.ts).
async function withdrawTextConsent(
  trx: Transaction<DB>,
  scope: Scope,
  customerId: number,
  from: string | null,
  to: string | null,
  now: Date,
): Promise<void> {
  const given = await trx
    .selectFrom('customer_consents')
    .select('purpose')
    .where('org_id', '=', scope.orgId)
    .where('customer_id', '=', customerId)
    .where('channel', '=', 'text')
    .where('basis', '!=', 'none')
    .orderBy('purpose', 'desc') // service, then marketing
    .execute();
  for (const { purpose } of given)
    await recordConsent(
      trx,
      scope,
      {
        customerId,
        channel: 'text',
        purpose: purpose as 'service' | 'marketing',
        basis: 'none',
        evidence: { reason: 'mobile_phone_changed', from, to },
        source: scope.actor.type === 'api_token' ? 'api' : 'staff',
      },
      () => now,
    );
}
