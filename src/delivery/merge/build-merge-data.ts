// The merge fields of one message (see templates/fields.ts): payload decided by the engine,
// customer and signature read fresh, dates in the location's zone and the reader's language.
import type { Customer, Language, Location, Message } from '../../db/schema.ts';
import type { MessagePayload, VehicleRef } from '../../domain/messages/payload.ts';
import { formatDay, formatInstantDay, formatInstantTime, localeFor } from '../../i18n/format.ts';
import type { Scope } from '../templates/language.ts';
import { portalUrl, safeLink, surveyUrl, tasksUrl, unsubscribeUrl, type LinkContext } from './links.ts';
import type { StaffUser, SurveyAnswer } from './load-send-context.ts';

export interface MergeInput {
  message: Pick<Message, 'org_id' | 'id' | 'kind' | 'customer_id' | 'recipient_email' | 'payload'>;
  language: Language;
  location: Location;
  customer: Customer | null;
  staff: StaffUser | null;
  surveys: SurveyAnswer[];
}

const describe = (v: Pick<VehicleRef, 'year' | 'make' | 'model'>) => [v.year, v.make, v.model].filter((x) => x !== null && x !== '').join(' ');

export function businessAddress(l: Location): string {
  const cityLine = [l.city, l.region].filter(Boolean).join(' ');
  return [l.address_line1, l.address_line2, [cityLine, l.postal_code].filter(Boolean).join('  ')].filter(Boolean).join(', ');
}

export function buildMergeData(input: MergeInput, links: LinkContext): Scope {
  const { message, location: loc, customer, language } = input;
  const p = message.payload as MessagePayload;
  const locale = localeFor(language, loc.country);
  const zone = loc.time_zone;
  const vehicles = (p.vehicles ?? []).map((v) => ({ year: v.year ?? '', make: v.make ?? '', model: v.model ?? '', plate: v.plate ?? '', description: describe(v) }));
  const first = vehicles[0];
  const appointmentDate = p.appointment ? formatInstantDay(p.appointment.starts_at, zone, locale) : p.next_visit_on ? formatDay(p.next_visit_on, locale) : null;
  // valid_until is not in the payload contract yet; read it when the engine adds it.
  const validUntil = (p.promotion as unknown as { valid_until?: string } | undefined)?.valid_until;
  const ratingUrl = (r: number) => `${surveyUrl(links, { o: message.org_id, m: message.id, c: message.customer_id ?? 0 })}?rating=${r}`;
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
    plates: vehicles.map((v) => v.plate).filter(Boolean).join(', '),
    appointment_date: appointmentDate,
    appointment_time: p.appointment ? formatInstantTime(p.appointment.starts_at, zone, locale) : null,
    appointment_service: p.appointment?.service ?? null,
    mechanic: p.appointment?.mechanic ?? null,
    last_service_date: p.last_service_on ? formatDay(p.last_service_on, locale) : null,
    maintenance_due_date: p.maintenance ? formatDay(p.maintenance.due_on, locale) : null,
    maintenance_items: (p.maintenance?.items ?? []).map((i) => i.description[language] ?? i.description.en ?? i.code),
    deferred_items: p.deferred_items ?? [],
    repair_order_number: p.repair_order?.number ?? null,
    business_name: loc.business_name ?? loc.name,
    business_owner: loc.business_owner ?? '',
    business_phone: loc.business_phone ?? loc.phone ?? '',
    business_email: loc.business_email ?? loc.email ?? '',
    business_address: businessAddress(loc),
    feedback_link: safeLink(loc.feedback_link),
    portal_link: portalUrl(links),
    survey_link: message.kind === 'E03' ? surveyUrl(links, { o: message.org_id, m: message.id, c: message.customer_id ?? 0 }) : null,
    survey_ratings: message.kind === 'E03' ? [1, 2, 3, 4, 5].map((r) => ({ rating: r, url: ratingUrl(r) })) : [],
    unsubscribe_link: unsubscribeUrl(links, { o: message.org_id, c: message.customer_id, m: message.id, ...(customer ? {} : { e: message.recipient_email ?? '' }) }),
    coupon_code: p.promotion?.coupon_code ?? null,
    promotion_name: p.promotion?.name ?? null,
    promotion_description: p.promotion ? (p.promotion.description[language] ?? p.promotion.description.en ?? null) : null,
    promotion_valid_until: validUntil ? formatDay(validUntil, locale) : null,
    staff_name: input.staff?.name ?? null,
    customer_name: customer?.mailing_name ?? null,
    customer_phone: customer?.phone ?? null,
    customer_email: customer?.email ?? null,
    changes: Object.entries(p.changes ?? {}).map(([field, c]) => ({ field, from: show(c.from), to: show(c.to) })),
    survey_answers: input.surveys.map((s) => ({
      customer: s.customer,
      rating: s.rating ?? '',
      comment: s.comment ?? '',
      vehicle: s.vehicle ?? '',
      answered_on: s.answered_at ? formatInstantDay(s.answered_at, zone, locale) : '',
    })),
    tasks_link: tasksUrl(links),
  };
  return data;
}

function show(v: unknown): string {
  return v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean);
}
