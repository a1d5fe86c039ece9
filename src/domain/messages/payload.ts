// What the engine decides and stores in messages.payload, and delivery merges into templates.
// Customer, location and signature data are read fresh at send time; the payload holds what
// was true on the day of the decision (which vehicles, which dates, which items).
import type { Language } from '../../domain/language.ts';

export interface VehicleRef {
  id: number;
  year: number | null;
  make: string | null;
  model: string | null;
  plate: string | null;
}

export interface MessagePayload {
  /** Vehicles the message is about; one message per kind and day names all of a customer's vehicles. */
  vehicles?: VehicleRef[];
  /** REMINDER_1/2: the next scheduled visit (date set at the last visit, or a booked appointment). */
  next_visit_on?: string;
  /** E05 only: this is the cancellation of that appointment (its calendar entry is removed). */
  appointment_cancelled?: boolean;
  /** E04, E05, NO_SHOW, REMINDER_x from a booking: the appointment, ISO instants. */
  appointment?: {
    id: number;
    starts_at: string;
    ends_at: string;
    mechanic?: string | null;
    service?: string | null;
  };
  /** INACTIVE, THANK_YOU, DEFERRED, E03: date of the last closed invoice. */
  last_service_on?: string;
  /** REVIEW: the location's review link on the day of the decision (the location's current one wins). */
  review_link?: string;
  /** THANK_YOU, DEFERRED, E03, REVIEW: the repair order concerned. */
  repair_order?: { id: number; number: string };
  /** DEFERRED: the items recommended and declined on the last visit. */
  deferred_items?: string[];
  /** E01/E02: the maintenance falling due. */
  maintenance?: { due_on: string; items: Array<{ code: string; description: Record<Language, string> }> };
  /** CAMPAIGN: the campaign, with its own subject and body in the message's language (none: the shipped template). */
  campaign?: { id: number; name: string; subject: string | null; body: string | null };
  /** E07 (and a CAMPAIGN offering one): the promotion offered. */
  promotion?: {
    id: number;
    name: string;
    coupon_code: string | null;
    description: Partial<Record<Language, string>>;
  };
  /** E06: survey answers in the digest. */
  survey_ids?: number[];
  /** P01: fields the customer changed in the portal. */
  changes?: Record<string, { from: unknown; to: unknown }>;
  /** Staff messages (P00, P01, E06): the role the task is routed to. */
  assigned_role?: 'crm_agent' | 'sales_manager' | 'sales_rep';
  /** E04/E05 to a visitor not yet in the file. */
  visitor?: { name: string; email: string | null; phone: string | null };
}
