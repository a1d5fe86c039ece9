// Right to erasure: the person is anonymized, the counts stay. Name, contact, address, birthday
// and free text about them are blanked in the customer row and everywhere they were copied
// (messages' recipient address and payload, survey comments, staff task notes, appointment
// notes); the row, its vehicles (VIN and plate blanked), visits and messages stay, so statistics
// and invoices counts do not change. Nothing will be sent to them again (Do Not Mail, consent
// withdrawn). Audited without the erased values.
import { sql, type Transaction } from 'kysely';
import { audit } from '../accounts/audit.ts';
import type { DB } from '../db/schema.ts';
import type { Scope } from '../tenancy/scope.ts';
import { scoped } from '../tenancy/scoped.ts';
import { CommandError } from './command-error.ts';

export async function eraseCustomer(
  trx: Transaction<DB>,
  scope: Scope,
  input: { customerId: number },
  now: () => Date,
): Promise<{ customerId: number; vehicles: number; messages: number }> {
  const at = now();
  const customer = await scoped(trx, scope)
    .selectFrom('customers')
    .select(['id', 'location_id'])
    .where('id', '=', input.customerId)
    .forUpdate()
    .executeTakeFirst();
  if (!customer) throw new CommandError(404, 'not_found', `Customer ${input.customerId} not found`);
  const org = scope.orgId;
  const id = customer.id;
  await trx
    .updateTable('customers')
    .set({
      first_name: null,
      last_name: null,
      company_name: null,
      mailing_name: `Erased customer ${id}`,
      email: null,
      phone: null,
      address_line1: null,
      address_line2: null,
      city: null,
      postal_code: null,
      birthday: null,
      do_not_mail: true,
      do_not_mail_at: at,
      do_not_mail_source: 'erasure',
      consent_basis: 'none',
      consent_date: null,
      updated_at: at,
    })
    .where('org_id', '=', org)
    .where('id', '=', id)
    .execute();
  const vehicles = await trx
    .updateTable('vehicles')
    .set({ vin: sql<string>`'ERASED-' || id`, plate: null, updated_at: at })
    .where('org_id', '=', org)
    .where('customer_id', '=', id)
    .executeTakeFirst();
  await trx
    .updateTable('messages')
    .set({ status: 'cancelled', reason: 'erased', updated_at: at })
    .where('org_id', '=', org)
    .where('customer_id', '=', id)
    .where('status', 'in', ['pending', 'held', 'sending'])
    .execute();
  const messages = await trx
    .updateTable('messages')
    .set({ recipient_email: null, payload: '{}', updated_at: at })
    .where('org_id', '=', org)
    .where('customer_id', '=', id)
    .executeTakeFirst();
  await trx
    .updateTable('staff_tasks')
    .set({ details: '{}' })
    .where('org_id', '=', org)
    .where('customer_id', '=', id)
    .execute();
  await trx
    .updateTable('surveys')
    .set({ comment: null })
    .where('org_id', '=', org)
    .where('customer_id', '=', id)
    .execute();
  await trx
    .updateTable('appointments')
    .set({ notes: null, visitor_name: null, visitor_email: null, visitor_phone: null, updated_at: at })
    .where('org_id', '=', org)
    .where('customer_id', '=', id)
    .execute();
  await trx
    .updateTable('customer_consent_history')
    .set({ evidence: '{}' })
    .where('org_id', '=', org)
    .where('customer_id', '=', id)
    .execute();
  await trx
    .updateTable('customer_consents')
    .set({ basis: 'none', evidence: '{}', recorded_at: at })
    .where('org_id', '=', org)
    .where('customer_id', '=', id)
    .execute();
  // Earlier audit entries about the customer carried their values (from → to): blank them.
  await trx
    .updateTable('audit_log')
    .set({ changes: JSON.stringify({ erased: true }) })
    .where('org_id', '=', org)
    .where('entity', '=', 'customer')
    .where('entity_id', '=', String(id))
    .execute();
  const result = {
    customerId: id,
    vehicles: Number(vehicles.numUpdatedRows),
    messages: Number(messages.numUpdatedRows),
  };
  await audit(trx, scope, 'erase_personal_data', 'customer', id, result, at);
  return result;
}
