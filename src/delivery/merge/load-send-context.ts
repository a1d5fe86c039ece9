// Everything needed to render a batch of messages, loaded set-based (one query per table for the
// whole batch, each filtered by organization), never one query per message.
import type { Kysely } from 'kysely';
import type { Customer, DB, Location, Message } from '../../db/schema.ts';
import type { Language } from '../../domain/language.ts';

export interface StaffUser {
  id: number;
  org_id: number | null;
  name: string;
  email: string;
  language: Language;
}

export interface SurveyAnswer {
  id: number;
  org_id: number;
  customer: string;
  rating: number | null;
  comment: string | null;
  answered_at: Date | null;
  vehicle: string | null;
}

export interface TemplateOverride {
  subject: string | null;
  body: string;
  version: number;
}

export interface SendContext {
  customers: Map<string, Customer>;
  locations: Map<string, Location>;
  users: Map<number, StaffUser>;
  surveys: Map<string, SurveyAnswer>;
  /** Keyed org|location|kind|channel|language. */
  overrides: Map<string, TemplateOverride>;
  /** org|address (lowercased) of addresses that unsubscribed without being a customer (visitors). */
  suppressed: Set<string>;
}

export const key = (orgId: number, id: number | string) => `${orgId}|${id}`;
export const overrideKey = (
  orgId: number,
  locationId: number,
  kind: string,
  channel: string,
  language: string,
) => `${orgId}|${locationId}|${kind}|${channel}|${language}`;

const uniq = <T>(xs: T[]) => [...new Set(xs)];

export async function loadSendContext(db: Kysely<DB>, messages: Message[]): Promise<SendContext> {
  const orgIds = uniq(messages.map((m) => m.org_id));
  const customerIds = uniq(messages.map((m) => m.customer_id).filter((x): x is number => x !== null));
  const locationIds = uniq(messages.map((m) => m.location_id));
  const userIds = uniq(messages.map((m) => m.recipient_user_id).filter((x): x is number => x !== null));
  const surveyIds = uniq(
    messages.flatMap((m) => ((m.payload as { survey_ids?: number[] }).survey_ids ?? []).map(Number)),
  );
  const addresses = uniq(
    messages.flatMap((m) => (m.recipient_email ? [m.recipient_email.toLowerCase()] : [])),
  );
  const none = Promise.resolve([]);
  const [customers, locations, users, surveys, overrides, suppressed] = await Promise.all([
    customerIds.length
      ? db
          .selectFrom('customers')
          .selectAll()
          .where('org_id', 'in', orgIds)
          .where('id', 'in', customerIds)
          .execute()
      : none,
    db
      .selectFrom('locations')
      .selectAll()
      .where('org_id', 'in', orgIds)
      .where('id', 'in', locationIds)
      .execute(),
    userIds.length
      ? db
          .selectFrom('users')
          .select(['id', 'org_id', 'name', 'email', 'language'])
          .where('org_id', 'in', orgIds)
          .where('id', 'in', userIds)
          .execute()
      : none,
    surveyIds.length
      ? db
          .selectFrom('surveys as s')
          .innerJoin('customers as c', (j) =>
            j.onRef('c.org_id', '=', 's.org_id').onRef('c.id', '=', 's.customer_id'),
          )
          .leftJoin('vehicles as v', (j) =>
            j.onRef('v.org_id', '=', 's.org_id').onRef('v.id', '=', 's.vehicle_id'),
          )
          .select([
            's.id',
            's.org_id',
            'c.mailing_name as customer',
            's.rating',
            's.comment',
            's.answered_at',
            'v.year',
            'v.make',
            'v.model',
          ])
          .where('s.org_id', 'in', orgIds)
          .where('s.id', 'in', surveyIds)
          .execute()
      : none,
    db
      .selectFrom('templates')
      .select(['org_id', 'location_id', 'kind', 'channel', 'language', 'subject', 'body', 'version'])
      .where('org_id', 'in', orgIds)
      .where('location_id', 'in', locationIds)
      .where('kind', 'in', uniq(messages.map((m) => m.kind)))
      .execute(),
    addresses.length
      ? db
          .selectFrom('email_suppressions')
          .select(['org_id', 'email'])
          .where('org_id', 'in', orgIds)
          .where('email', 'in', addresses)
          .execute()
      : none,
  ]);
  return {
    customers: new Map(customers.map((c) => [key(c.org_id, c.id), c])),
    locations: new Map(locations.map((l) => [key(l.org_id, l.id), l])),
    users: new Map(users.map((u) => [u.id, u])),
    surveys: new Map(
      surveys.map((s) => [
        key(s.org_id, s.id),
        {
          id: s.id,
          org_id: s.org_id,
          customer: s.customer,
          rating: s.rating,
          comment: s.comment,
          answered_at: s.answered_at,
          vehicle: [s.year, s.make, s.model].filter(Boolean).join(' ') || null,
        },
      ]),
    ),
    overrides: new Map(
      overrides.map((o) => [
        overrideKey(o.org_id, o.location_id, o.kind, o.channel, o.language),
        { subject: o.subject, body: o.body, version: o.version },
      ]),
    ),
    suppressed: new Set(suppressed.map((x) => key(x.org_id, x.email))),
  };
}

/**
 * The template a message is rendered with when it is not the shipped one: a campaign's own
 * subject and body (checked at save and again when rendered, as overrides are), else the
 * location's override of the kind.
 */
export function overrideFor(
  sc: SendContext,
  m: Pick<Message, 'org_id' | 'location_id' | 'kind' | 'payload'>,
  channel: 'email' | 'postcard',
  language: string,
): TemplateOverride | null {
  const campaign = (m.payload as { campaign?: { subject: string | null; body: string | null } }).campaign;
  if (m.kind === 'CAMPAIGN' && campaign?.body)
    return { subject: campaign.subject, body: campaign.body, version: 0 };
  return sc.overrides.get(overrideKey(m.org_id, m.location_id, m.kind, channel, language)) ?? null;
}
