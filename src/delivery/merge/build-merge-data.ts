// The merge fields of one message (see templates/fields.ts): payload decided by the engine,
// customer and signature read fresh, dates in the location's zone and the reader's language.
import type { Customer, Location, Message } from '../../db/schema.ts';
import type { Language } from '../../domain/language.ts';
import type { MessagePayload, VehicleRef } from '../../domain/messages/payload.ts';
import { formatDay, formatInstantDay, formatInstantTime, localeFor } from '../../i18n/format.ts';
import type { Scope } from '../templates/language.ts';
import {
  appointmentsUrl,
  portalUrl,
  safeLink,
  surveyUrl,
  tasksUrl,
  unsubscribeUrl,
  type LinkContext,
} from './links.ts';
import type { StaffUser, SurveyAnswer } from './load-send-context.ts';

export interface MergeInput {
  message: Pick<Message, 'org_id' | 'id' | 'kind' | 'customer_id' | 'recipient_email' | 'payload'>;
  language: Language;
  location: Location;
  customer: Customer | null;
  staff: StaffUser | null;
  surveys: SurveyAnswer[];
}

const describe = (v: Pick<VehicleRef, 'year' | 'make' | 'model'>) =>
  [v.year, v.make, v.model].filter((x) => x !== null && x !== '').join(' ');

/** One line; `postalGap` is two spaces on a mail piece (postal convention), one in running text. */
export function businessAddress(l: Location, postalGap = '  '): string {
  const cityLine = [l.city, l.region].filter(Boolean).join(' ');
  return [l.address_line1, l.address_line2, [cityLine, l.postal_code].filter(Boolean).join(postalGap)]
    .filter(Boolean)
    .join(', ');
}

export function buildMergeData(input: MergeInput, links: LinkContext): Scope {
  const { message, location: loc, customer, language } = input;
  const p = message.payload as MessagePayload;
  const locale = localeFor(language, loc.country);
  const zone = loc.time_zone;
  const vehicles = (p.vehicles ?? []).map((v) => ({
    year: v.year ?? '',
    make: v.make ?? '',
    model: v.model ?? '',
    plate: v.plate ?? '',
    description: describe(v),
  }));
  const first = vehicles[0];
  const appointmentDate = p.appointment
    ? formatInstantDay(p.appointment.starts_at, zone, locale)
    : p.next_visit_on
      ? formatDay(p.next_visit_on, locale)
      : null;
  // valid_until is not in the payload contract yet; read it when the engine adds it.
  const validUntil = (p.promotion as unknown as { valid_until?: string } | undefined)?.valid_until;
  const surveyLink =
    message.kind === 'E03'
      ? surveyUrl(links, { org: message.org_id, message: message.id, customer: message.customer_id })
      : null;
  const portalLink = portalUrl(links, customer ? { o: message.org_id, c: customer.id } : null);
  const data: Scope = {
    mailing_name: customer?.mailing_name ?? p.visitor?.name ?? '',
    first_name: customer?.first_name ?? null,
    vehicles,
    many_vehicles: vehicles.length > 1,
    vehicle: first?.description ?? null,
    vehicle_year: first?.year ?? null,
    vehicle_make: first?.make ?? null,
    vehicle_model: first?.model ?? null,
    plate: first?.plate ?? null,
    plates: vehicles
      .map((v) => v.plate)
      .filter(Boolean)
      .join(', '),
    appointment_date: appointmentDate,
    appointment_time: p.appointment ? formatInstantTime(p.appointment.starts_at, zone, locale) : null,
    appointment_service: p.appointment?.service ?? null,
    appointment_cancelled: p.appointment_cancelled === true,
    mechanic: p.appointment?.mechanic ?? null,
    last_service_date: p.last_service_on ? formatDay(p.last_service_on, locale) : null,
    maintenance_due_date: p.maintenance ? formatDay(p.maintenance.due_on, locale) : null,
    maintenance_items: (p.maintenance?.items ?? []).map(
      (i) => i.description[language] ?? i.description.en ?? i.code,
    ),
    deferred_items: p.deferred_items ?? [],
    repair_order_number: p.repair_order?.number ?? null,
    business_name: loc.business_name ?? loc.name,
    business_owner: loc.business_owner ?? '',
    business_phone: loc.business_phone ?? loc.phone ?? '',
    business_email: loc.business_email ?? loc.email ?? '',
    business_address: businessAddress(loc, ' '),
    feedback_link: safeLink(loc.feedback_link),
    // Read fresh (a corrected link is used at once); the decided one when it was removed since.
    review_link: safeLink(loc.review_link ?? p.review_link),
    portal_link: portalLink,
    // Texts replace it with a short link (delivery/sms/short-links.ts); in email it is the portal link.
    short_link: portalLink,
    survey_link: surveyLink,
    survey_ratings: surveyLink
      ? [1, 2, 3, 4, 5].map((r) => ({ rating: r, url: `${surveyLink}?rating=${r}` }))
      : [],
    unsubscribe_link: unsubscribeUrl(links, {
      org: message.org_id,
      customer: message.customer_id,
      message: message.id,
    }),
    coupon_code: p.promotion?.coupon_code ?? null,
    promotion_name: p.promotion?.name ?? null,
    promotion_description: p.promotion
      ? (p.promotion.description[language] ?? p.promotion.description.en ?? null)
      : null,
    promotion_valid_until: validUntil ? formatDay(validUntil, locale) : null,
    staff_name: input.staff?.name ?? null,
    // A visitor's request (P02) names the visitor.
    customer_name: customer?.mailing_name ?? p.visitor?.name ?? null,
    customer_phone: customer?.phone ?? p.visitor?.phone ?? null,
    customer_email: customer?.email ?? p.visitor?.email ?? null,
    changes: Object.entries(p.changes ?? {}).map(([field, c]) => ({
      field,
      from: show(c.from),
      to: show(c.to),
    })),
    survey_answers: input.surveys.map((s) => ({
      customer: s.customer,
      rating: s.rating ?? '',
      comment: s.comment ?? '',
      vehicle: s.vehicle ?? '',
      answered_on: s.answered_at ? formatInstantDay(s.answered_at, zone, locale) : '',
    })),
    tasks_link: tasksUrl(links),
    appointments_link: appointmentsUrl(links),
  };
  return data;
}

function show(v: unknown): string {
  return v === null || v === undefined
    ? ''
    : typeof v === 'object'
      ? JSON.stringify(v)
      : String(v as string | number | boolean);
}
