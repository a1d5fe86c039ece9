// Re-checked by delivery right before sending: is what the engine decided still true? An
// appointment reminder for a time that was cancelled or moved, a customer who asked for no
// mail (or died) since, a "we miss you" for a customer who came back, any message about a
// vehicle sold or scrapped since: not sent.
import { sql, type Kysely } from 'kysely';
import type { DB, Message } from '../db/schema.ts';
import { consentHoldReason } from '../domain/compliance/consent.ts';
import { purposeOf } from '../domain/compliance/purpose.ts';
import { APPOINTMENT_KINDS as APPOINTMENT_KIND_LIST } from '../domain/messages/kinds.ts';

export type MessageToCheck = Pick<
  Message,
  | 'org_id'
  | 'kind'
  | 'recipient_type'
  | 'customer_id'
  | 'vehicle_id'
  | 'appointment_id'
  | 'payload'
  | 'channel'
  | 'due_on'
>;

export interface Validity {
  valid: boolean;
  /** Why not (the reason delivery records when it cancels the message). */
  reason: string | null;
}

const APPOINTMENT_KINDS = new Set(APPOINTMENT_KIND_LIST);

/** True when the message may still be sent. */
export async function isMessageStillValid(db: Kysely<DB>, message: MessageToCheck): Promise<boolean> {
  return (await checkMessageStillValid(db, message)).valid;
}

export async function checkMessageStillValid(db: Kysely<DB>, message: MessageToCheck): Promise<Validity> {
  return (await checkMessagesStillValid(db, [message]))[0]!;
}

/**
 * The same check for many messages at once (delivery checks each claimed batch): three
 * set-based queries (appointments, customers, vehicles) whatever the number of messages.
 */
export async function checkMessagesStillValid(
  db: Kysely<DB>,
  messages: MessageToCheck[],
): Promise<Validity[]> {
  const orgIds = uniq(messages.map((m) => m.org_id));
  const appointmentIds = uniq(
    messages
      .filter((m) => m.appointment_id != null && APPOINTMENT_KINDS.has(m.kind))
      .map((m) => m.appointment_id!),
  );
  const customerIds = uniq(
    messages
      .filter((m) => m.recipient_type === 'customer' && m.customer_id != null)
      .map((m) => m.customer_id!),
  );
  const vehicleIds = uniq(
    messages
      .filter((m) => m.recipient_type === 'customer' && m.customer_id != null && m.vehicle_id != null)
      .map((m) => m.vehicle_id!),
  );
  const anyOf = (ids: number[]) => sql<boolean>`id = ANY(${ids}::bigint[])`;
  const none = Promise.resolve([]);
  const [appointments, customers, vehicles, consents] = await Promise.all([
    appointmentIds.length
      ? db
          .selectFrom('appointments')
          .select(['org_id', 'id', 'status', 'starts_at'])
          .where('org_id', 'in', orgIds)
          .where(anyOf(appointmentIds))
          .execute()
      : none,
    customerIds.length
      ? db
          .selectFrom('customers')
          .select([
            'org_id',
            'id',
            'do_not_mail',
            'deceased',
            'consent_basis',
            'consent_date',
            'last_visit_on',
          ])
          .where('org_id', 'in', orgIds)
          .where(anyOf(customerIds))
          .execute()
      : none,
    vehicleIds.length
      ? db
          .selectFrom('vehicles')
          .select(['org_id', 'id', 'next_visit_on', 'status'])
          .where('org_id', 'in', orgIds)
          .where(anyOf(vehicleIds))
          .execute()
      : none,
    customerIds.length
      ? db
          .selectFrom('customer_consents')
          .select(['org_id', 'customer_id', 'channel', 'purpose', 'basis', 'given_on'])
          .where('org_id', 'in', orgIds)
          .where(sql<boolean>`customer_id = ANY(${customerIds}::bigint[])`)
          .execute()
      : none,
  ]);
  const facts: Facts = {
    appointments: new Map(appointments.map((a) => [`${a.org_id}|${a.id}`, a])),
    customers: new Map(customers.map((c) => [`${c.org_id}|${c.id}`, c])),
    vehicles: new Map(vehicles.map((v) => [`${v.org_id}|${v.id}`, v])),
    consents: new Map(consents.map((c) => [`${c.org_id}|${c.customer_id}|${c.channel}|${c.purpose}`, c])),
  };
  return messages.map((m) => decide(m, facts));
}

interface Facts {
  appointments: Map<string, { status: string; starts_at: Date | string }>;
  customers: Map<
    string,
    {
      do_not_mail: boolean;
      deceased: boolean;
      consent_basis: string | null;
      consent_date: string | null;
      last_visit_on: string | null;
    }
  >;
  consents: Map<string, { basis: string; given_on: string | null }>;
  vehicles: Map<string, { next_visit_on: string | null; status: string }>;
}

function decide(message: MessageToCheck, facts: Facts): Validity {
  const payload = (message.payload ?? {}) as {
    appointment?: { starts_at?: string };
    appointment_cancelled?: boolean;
    next_visit_on?: string;
    last_service_on?: string;
  };
  if (message.appointment_id != null && APPOINTMENT_KINDS.has(message.kind)) {
    const a = facts.appointments.get(`${message.org_id}|${message.appointment_id}`);
    // A cancellation notice is due exactly when the appointment is cancelled.
    if (payload.appointment_cancelled) {
      if (!a || a.status !== 'cancelled') return no('appointment_not_cancelled');
    } else {
      if (!a || a.status === 'cancelled' || a.status === 'no_show') return no('appointment_cancelled');
      const decided = payload.appointment?.starts_at;
      if (decided && new Date(a.starts_at).getTime() !== Date.parse(decided)) return no('appointment_moved');
    }
  }
  if (message.recipient_type !== 'customer' || message.customer_id == null) return yes();
  const c = facts.customers.get(`${message.org_id}|${message.customer_id}`);
  if (!c) return no('customer_deleted');
  if (c.deceased) return no('deceased');
  if (c.do_not_mail) return no('do_not_mail');
  const purpose = purposeOf(message.kind, message.appointment_id);
  const own = facts.consents.get(`${message.org_id}|${message.customer_id}|${message.channel}|${purpose}`);
  // Service messages need no consent, but not on a channel the customer declined them on.
  if (purpose === 'service' && own?.basis === 'none') return no('no_consent');
  if (purpose === 'marketing') {
    // Consent withdrawn (or lapsed) since the decision: CASL wants it honoured at once.
    const reason = consentHoldReason(
      own ? own.basis : c.consent_basis,
      own ? own.given_on : c.consent_date,
      c.last_visit_on,
      message.due_on,
    );
    if (reason) return no(reason);
  }
  if (
    message.kind === 'INACTIVE' &&
    payload.last_service_on &&
    c.last_visit_on &&
    c.last_visit_on > payload.last_service_on
  ) {
    return no('customer_came_back');
  }
  const v =
    message.vehicle_id != null ? facts.vehicles.get(`${message.org_id}|${message.vehicle_id}`) : undefined;
  if (
    (message.kind === 'REMINDER_1' || message.kind === 'REMINDER_2') &&
    message.appointment_id == null &&
    message.vehicle_id != null &&
    payload.next_visit_on
  ) {
    if (!v || v.next_visit_on !== payload.next_visit_on) return no('next_visit_changed');
  }
  // Every message about a vehicle (thank-you and survey of its visit included) stops when it is sold or scrapped.
  if (message.vehicle_id != null && v && v.status !== 'active') return no(`vehicle_${v.status}`);
  return yes();
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];
const yes = (): Validity => ({ valid: true, reason: null });
const no = (reason: string): Validity => ({ valid: false, reason });
