// The merge fields a template may use. A template naming anything else is refused at save
// (validateTemplate), so a sent message never has a blank where a field was meant.
// Lists name the fields each item has ("this" is the item itself for lists of text).

export interface FieldSpec {
  description: string;
  list?: readonly string[];
}

export const MERGE_FIELDS: Record<string, FieldSpec> = {
  // The customer (or visitor) and their vehicles.
  mailing_name: { description: 'Mailing name of the customer (or the visitor’s name)' },
  first_name: { description: 'First name, when known' },
  vehicle: { description: 'Year make model of the (first) vehicle, e.g. "2020 Toyota Corolla"' },
  vehicle_year: { description: 'Year of the (first) vehicle' },
  vehicle_make: { description: 'Make of the (first) vehicle' },
  vehicle_model: { description: 'Model of the (first) vehicle' },
  plate: { description: 'Plate of the (first) vehicle' },
  plates: { description: 'All plates, comma separated' },
  vehicles: {
    description: 'Every vehicle the message is about',
    list: ['this', 'year', 'make', 'model', 'plate', 'description'],
  },
  many_vehicles: { description: 'True when the message names several vehicles' },
  // Dates, formatted in the location's time zone and the message's language.
  appointment_date: { description: 'Appointment (or next scheduled visit) date' },
  appointment_time: { description: 'Appointment time' },
  appointment_service: { description: 'Service requested for the appointment' },
  appointment_cancelled: { description: 'True in the notice that an appointment was cancelled (E05)' },
  mechanic: { description: 'Mechanic of the appointment' },
  last_service_date: { description: 'Date of the last service' },
  maintenance_due_date: { description: 'Date the maintenance falls due' },
  maintenance_items: { description: 'Maintenance falling due', list: ['this'] },
  deferred_items: { description: 'Work recommended and declined at the last visit', list: ['this'] },
  repair_order_number: { description: 'Repair order number' },
  // Signature (location General settings).
  business_name: { description: 'Business name' },
  business_owner: { description: 'Business owner (contact person)' },
  business_phone: { description: 'Business phone' },
  business_email: { description: 'Business email' },
  business_address: { description: 'Business postal address, one line' },
  // Links.
  feedback_link: { description: 'Feedback form URL or mailto: link' },
  review_link: {
    description: 'The location’s public review page (REVIEW; the same for every customer)',
  },
  portal_link: { description: 'The customer’s portal' },
  short_link: {
    description: 'The customer’s portal as a short link (texts: /t/…); the portal link in email',
  },
  survey_link: { description: 'Satisfaction survey page' },
  survey_ratings: { description: 'One link per rating 1 to 5', list: ['rating', 'url'] },
  unsubscribe_link: { description: 'Unsubscribe page' },
  // Promotion (E07).
  coupon_code: { description: 'Coupon code' },
  promotion_name: { description: 'Name of the promotion' },
  promotion_description: { description: 'Description of the promotion' },
  promotion_valid_until: { description: 'Last day of the promotion' },
  // Staff messages (P00, P01, P02, E06).
  staff_name: { description: 'Staff member the message is for' },
  customer_name: { description: 'Customer concerned' },
  customer_phone: { description: 'Customer phone' },
  customer_email: { description: 'Customer email' },
  changes: { description: 'Fields the customer changed', list: ['field', 'from', 'to'] },
  survey_answers: {
    description: 'Survey answers',
    list: ['customer', 'rating', 'comment', 'vehicle', 'answered_on'],
  },
  tasks_link: { description: 'Staff console task list' },
  appointments_link: { description: 'Staff console appointment book (where a request is confirmed)' },
};

export const FIELD_NAMES = Object.keys(MERGE_FIELDS);
