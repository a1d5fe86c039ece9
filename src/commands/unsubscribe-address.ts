// A customer's own opt-out, from the unsubscribe page or a mail client's one-click POST
// (RFC 8058): immediate, no login, and for every record of that address in the organization
// (a customer known at several locations is one person). `marketing` withdraws marketing
// consent on every channel (service messages such as appointment reminders still go);
// `everything` sets Do Not Mail. Audited per record; a second click changes nothing.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export type UnsubscribeChoice = 'marketing' | 'everything';
export type UnsubscribeSource = 'list_unsubscribe' | 'unsubscribe_link';

export interface UnsubscribeInput {
  /** The customer the link was for (null for a visitor not in the file). */
  customerId: number | null;
  email: string | null;
  choice: UnsubscribeChoice;
  source: UnsubscribeSource;
  messageId: number | null;
}

/** Returns the ids of the customer records changed. */
export async function unsubscribeAddress(
  trx: Transaction<DB>,
  scope: { orgId: number },
  input: UnsubscribeInput,
  now: () => Date,
): Promise<number[]> {
  const at = now();
  const email = input.email?.trim() || null;
  const records = await trx
    .selectFrom('customers')
    .select(['id', 'do_not_mail'])
    .where('org_id', '=', scope.orgId)
    .where((eb) =>
      eb.or([
        eb('id', '=', input.customerId ?? -1),
        ...(email ? [eb(sql<string>`lower(email)`, '=', email.toLowerCase())] : []),
      ]),
    )
    .forUpdate()
    .execute();
  const changed: number[] = [];
  const consentSource =
    input.source === 'list_unsubscribe' ? ('list_unsubscribe' as const) : ('unsubscribe' as const);
  for (const c of records) {
    let did: Record<string, unknown>;
    if (input.choice === 'everything') {
      if (c.do_not_mail) continue;
      await trx
        .updateTable('customers')
        .set({ do_not_mail: true, do_not_mail_at: at, do_not_mail_source: input.source, updated_at: at })
        .where('org_id', '=', scope.orgId)
        .where('id', '=', c.id)
        .execute();
      did = { do_not_mail: { from: false, to: true } };
    } else {
      const current = await trx
        .selectFrom('customer_consents')
        .select(['channel', 'basis'])
        .where('org_id', '=', scope.orgId)
        .where('customer_id', '=', c.id)
        .where('purpose', '=', 'marketing')
        .execute();
      const already = new Map(current.map((r) => [r.channel, r.basis]));
      const channels = (['email', 'postcard', 'text'] as const).filter((ch) => already.get(ch) !== 'none');
      if (channels.length === 0) continue;
      for (const channel of channels) {
        const row = {
          org_id: scope.orgId,
          customer_id: c.id,
          channel,
          purpose: 'marketing' as const,
          basis: 'none' as const,
          source: consentSource,
          given_on: at.toISOString().slice(0, 10),
          evidence: JSON.stringify({ message_id: input.messageId, email }),
          recorded_at: at,
        };
        await trx
          .insertInto('customer_consents')
          .values(row)
          .onConflict((oc) =>
            oc.columns(['org_id', 'customer_id', 'channel', 'purpose']).doUpdateSet({
              basis: 'none',
              source: consentSource,
              given_on: row.given_on,
              evidence: row.evidence,
              recorded_at: at,
            }),
          )
          .execute();
        await trx
          .insertInto('customer_consent_history')
          .values({ ...row, previous_basis: already.get(channel) ?? null })
          .execute();
      }
      did = { marketing_consent: { to: 'none', channels } };
    }
    changed.push(c.id);
    await trx
      .insertInto('audit_log')
      .values({
        org_id: scope.orgId,
        at,
        actor_type: 'customer',
        actor_id: input.customerId,
        action: 'unsubscribe',
        entity: 'customer',
        entity_id: String(c.id),
        changes: JSON.stringify({
          ...did,
          choice: input.choice,
          source: input.source,
          message_id: input.messageId,
        }),
      })
      .execute();
  }
  if (records.length === 0)
    // A visitor (not in the file): nothing to flag, but the request is honoured and logged.
    await trx
      .insertInto('audit_log')
      .values({
        org_id: scope.orgId,
        at,
        actor_type: 'customer',
        actor_id: null,
        action: 'unsubscribe',
        entity: 'visitor',
        entity_id: email,
        changes: JSON.stringify({ choice: input.choice, source: input.source, message_id: input.messageId }),
      })
      .execute();
  return changed;
}
