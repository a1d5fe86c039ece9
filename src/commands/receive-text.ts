// A text from a customer's number reached a location (the provider's incoming-message webhook).
// Stored in the conversation of the customer the number belongs to (unread, for staff), and acted
// on when it is a keyword: STOP and its equivalents stop every text to the number from the
// location at once (pending texts cancelled, consent for texts withdrawn with the text as its
// evidence) with one confirmation; START/UNSTOP resume; HELP answers with the shop's identity;
// "C" (or the confirm word of the customer's language) answering an appointment reminder confirms
// the appointment through setAppointmentStatus. The provider retries a webhook it thinks failed:
// a text already stored (same MessageSid) changes nothing and answers nothing.
import { recordConsent } from './record-consent.ts';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Language } from '../domain/language.ts';
import { APPOINTMENT_KINDS } from '../domain/messages/kinds.ts';
import { textIntent, UNDELIVERABLE, type TextIntent } from '../domain/sms/keywords.ts';
import { AppError } from '../errors/app-error.ts';
import { formatInstantDay, formatInstantTime, localeFor } from '../i18n/format.ts';
import { smsText } from '../i18n/sms-strings.ts';
import type { Scope } from '../tenancy/scope.ts';
import { CommandError } from './command-error.ts';
import { setAppointmentStatus } from './set-appointment-status.ts';

export interface ReceiveTextInput {
  locationId: number;
  from: string;
  body: string;
  providerSid: string;
}

export interface ReceivedText {
  intent: TextIntent | null;
  customerId: number | null;
  /** The answer texted back (TwiML), or null for none. */
  reply: string | null;
  duplicate: boolean;
  appointmentId?: number;
}

export async function receiveText(
  trx: Transaction<DB>,
  scope: Scope,
  input: ReceiveTextInput,
  now: Date,
): Promise<ReceivedText> {
  const orgId = scope.orgId;
  const location = await trx
    .selectFrom('locations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', input.locationId)
    .executeTakeFirst();
  if (!location || !scope.locationIds.includes(input.locationId))
    throw new AppError(404, 'not_found', 'Location not found', 'locationId');
  const phone = input.from.trim();
  // Everyone in the organization with this mobile number, the location's own customers first.
  const customers = await trx
    .selectFrom('customers')
    .select(['id', 'language', 'location_id'])
    .where('org_id', '=', orgId)
    .where('mobile_phone', '=', phone)
    .orderBy(sql`location_id = ${input.locationId}`, 'desc')
    .orderBy('id')
    .execute();
  const customer = customers[0] ?? null;
  // The customer acts (their own text), as in the portal.
  scope = { ...scope, actor: { type: 'customer', id: customer?.id ?? 0 } };
  const language: Language = customer?.language ?? location.language;
  const intent = textIntent(input.body, language);
  const stored = await trx
    .insertInto('sms_conversation')
    .values({
      org_id: orgId,
      location_id: input.locationId,
      customer_id: customer?.id ?? null,
      direction: 'in',
      phone,
      body: input.body.slice(0, 2000),
      provider_sid: input.providerSid,
      intent,
      at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!stored) return { intent, customerId: customer?.id ?? null, reply: null, duplicate: true };

  const business = location.business_name ?? location.name;
  const ids = customers.map((c) => c.id);
  const evidence = { keyword: input.body.trim().slice(0, 40), from: phone, provider_sid: input.providerSid };
  let reply: string | null = null;
  let appointmentId: number | undefined;

  if (intent === 'stop') {
    const first = await trx
      .insertInto('sms_opt_outs')
      .values({
        org_id: orgId,
        location_id: input.locationId,
        phone,
        keyword: evidence.keyword.toUpperCase(),
        opted_out_at: now,
      })
      // A number marked undeliverable (a failed text) that texts STOP is stopped by the customer.
      .onConflict((oc) =>
        oc
          .columns(['org_id', 'location_id', 'phone'])
          .doUpdateSet({ keyword: evidence.keyword.toUpperCase(), opted_out_at: now })
          .where('sms_opt_outs.keyword', '=', UNDELIVERABLE),
      )
      .returning('phone')
      .executeTakeFirst();
    if (ids.length)
      await trx
        .updateTable('messages')
        .set({
          status: 'cancelled',
          reason: `the number texted ${evidence.keyword.toUpperCase()}`,
          updated_at: now,
        })
        .where('org_id', '=', orgId)
        .where('location_id', '=', input.locationId)
        .where('channel', '=', 'sms')
        .where('status', 'in', ['pending', 'held'])
        .where('customer_id', 'in', ids)
        .execute();
    await recordTextConsent(trx, scope, ids, 'none', evidence, now);
    // One confirmation: a second STOP from a number already stopped gets no answer.
    if (first) reply = smsText(language, 'stopped', { business });
  } else if (intent === 'start') {
    const resumed = await trx
      .deleteFrom('sms_opt_outs')
      .where('org_id', '=', orgId)
      .where('location_id', '=', input.locationId)
      .where('phone', '=', phone)
      .returning('phone')
      .executeTakeFirst();
    if (resumed) {
      // The customer's own written request to receive texts again (E-SIGN: a text is a writing).
      await recordTextConsent(trx, scope, ids, 'express', evidence, now);
      reply = smsText(language, 'resumed', { business });
    }
  } else if (intent === 'help') {
    const address = [location.address_line1, location.city, location.postal_code].filter(Boolean).join(' ');
    reply = smsText(language, 'help', {
      business,
      address,
      phone: location.business_phone ?? location.phone ?? location.business_email ?? '',
    });
  } else if (intent === 'confirm' && customer) {
    const r = await confirmFromReply(trx, scope, customer.id, input.locationId, now);
    if (r) {
      appointmentId = r.appointmentId;
      const when = `${formatInstantDay(r.startsAt, location.time_zone, localeFor(language))} ${formatInstantTime(r.startsAt, location.time_zone, localeFor(language))}`;
      reply = smsText(language, r.confirmed ? 'confirmed' : 'received', { business, when });
    }
  }
  if (reply)
    await trx
      .insertInto('sms_conversation')
      .values({
        org_id: orgId,
        location_id: input.locationId,
        customer_id: customer?.id ?? null,
        direction: 'out',
        phone,
        body: reply,
        provider_sid: null,
        intent,
        read_at: now,
        at: now,
      })
      .execute();
  // A keyword acted on is read; a reply for staff stays unread.
  if (reply || intent === 'stop')
    await trx
      .updateTable('sms_conversation')
      .set({ read_at: now })
      .where('org_id', '=', orgId)
      .where('id', '=', stored.id)
      .execute();
  return {
    intent,
    customerId: customer?.id ?? null,
    reply,
    duplicate: false,
    ...(appointmentId ? { appointmentId } : {}),
  };
}

/** Consent for texts of these customers, both purposes, with the text as its evidence. */
async function recordTextConsent(
  trx: Transaction<DB>,
  scope: Scope,
  customerIds: number[],
  basis: 'none' | 'express',
  evidence: Record<string, string>,
  now: Date,
): Promise<void> {
  for (const customerId of customerIds)
    for (const purpose of ['service', 'marketing'] as const)
      await recordConsent(
        trx,
        scope,
        { customerId, channel: 'text', purpose, basis, evidence, source: 'sms_keyword' },
        () => now,
      );
}

/**
 * The appointment of the latest reminder texted to the customer from the location, when it is
 * still ahead and booked: a requested one is confirmed (setAppointmentStatus; refused when no
 * mechanic can be assigned yet, then staff confirm it), a confirmed one stays confirmed.
 */
async function confirmFromReply(
  trx: Transaction<DB>,
  scope: Scope,
  customerId: number,
  locationId: number,
  now: Date,
): Promise<{ appointmentId: number; startsAt: Date; confirmed: boolean } | null> {
  const a = await trx
    .selectFrom('messages as m')
    .innerJoin('appointments as a', (j) =>
      j.onRef('a.org_id', '=', 'm.org_id').onRef('a.id', '=', 'm.appointment_id'),
    )
    .select(['a.id', 'a.status', 'a.starts_at'])
    .where('m.org_id', '=', scope.orgId)
    .where('m.location_id', '=', locationId)
    .where('m.customer_id', '=', customerId)
    .where('m.channel', '=', 'sms')
    .where('m.status', '=', 'sent')
    .where('m.kind', 'in', [...APPOINTMENT_KINDS])
    .where('a.starts_at', '>', now)
    .where('a.status', 'in', ['requested', 'confirmed'])
    .orderBy('m.sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!a) return null;
  if (a.status === 'confirmed') return { appointmentId: a.id, startsAt: a.starts_at, confirmed: true };
  try {
    await setAppointmentStatus(trx, scope, { appointmentId: a.id, status: 'confirmed' }, now);
    return { appointmentId: a.id, startsAt: a.starts_at, confirmed: true };
  } catch (err) {
    if (err instanceof AppError || err instanceof CommandError)
      return { appointmentId: a.id, startsAt: a.starts_at, confirmed: false };
    throw err;
  }
}
