// Kysely's view of the tables in ./migrations. Keep in step with the SQL (a test checks that
// every table and column named here exists). Dates are 'YYYY-MM-DD' strings, ids numbers.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Language } from '../domain/language.ts';
import type { Channel } from '../domain/channel.ts';
import type { Role } from '../domain/role.ts';
import type { PortalSessionsTable, PortalSignInLinksTable } from './schema-portal.ts';
import type {
  CaughtTextsTable,
  SmsConversationTable,
  SmsLinksTable,
  SmsOptOutsTable,
  SmsSettingsTable,
} from './schema-sms.ts';

type Id = Generated<number>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableStamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DateStr = string;
type Json<T = unknown> = ColumnType<T, T | string | undefined, T | string>;
// numeric columns: read as numbers (see database.ts), written as numbers or decimal strings.
type Num = ColumnType<number, number | string | undefined, number | string>;
type NullableNum = ColumnType<number | null, number | string | null | undefined, number | string | null>;

// Language, Channel and Role are domain vocabulary (src/domain/); re-exported here only so code
// written before they moved keeps compiling. Import them from domain/.
/** @deprecated import from src/domain/language.ts */
export type { Language } from '../domain/language.ts';
/** @deprecated import from src/domain/channel.ts */
export type { Channel } from '../domain/channel.ts';
/** @deprecated import from src/domain/role.ts */
export type { Role } from '../domain/role.ts';
export type MessageStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'held' | 'cancelled' | 'bounced';
export type AppointmentStatus =
  'requested' | 'confirmed' | 'arrived' | 'in_progress' | 'done' | 'no_show' | 'cancelled';

export type ConsentBasis = 'express' | 'implied_purchase' | 'implied_inquiry' | 'exempt' | 'none';

export interface OrganizationsTable {
  id: Id;
  name: string;
  created_at: Generated<Date>;
}

export interface LocationsTable {
  org_id: number;
  id: Id;
  code: string;
  name: string;
  time_zone: Generated<string>;
  language: Generated<Language>;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: Generated<string>;
  phone: string | null;
  email: string | null;
  business_name: string | null;
  business_owner: string | null;
  business_phone: string | null;
  business_email: string | null;
  feedback_link: string | null;
  /** Public review page (e.g. Google), https:// only: the REVIEW message's link (0860). */
  review_link: string | null;
  email_enabled: Generated<boolean>;
  postcards_enabled: Generated<boolean>;
  run_hour: Generated<number>;
  staleness_days: Generated<number>;
  cap_count: Generated<number>;
  cap_days: Generated<number>;
  route_e06: Generated<string>;
  route_p00: Generated<string>;
  route_p01: Generated<string>;
  route_sales: Generated<string>;
  created_at: Generated<Date>;
  attribution_days: Generated<number>;
  sms_enabled: Generated<boolean>;
}

export interface UsersTable {
  id: Id;
  org_id: number | null;
  email: string;
  name: string;
  language: Generated<Language>;
  password_hash: string | null;
  is_platform_admin: Generated<boolean>;
  disabled_at: NullableStamp;
  created_at: Generated<Date>;
}

export interface UserRolesTable {
  org_id: number;
  user_id: number;
  location_id: number;
  role: Role;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Stamp;
}

export interface ApiTokensTable {
  org_id: number;
  id: Id;
  name: string;
  token_hash: string;
  scopes: Generated<string[]>;
  location_id: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
  last_used_at: NullableStamp;
  revoked_at: NullableStamp;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  expires_at: Stamp;
  used_at: NullableStamp;
}

export interface SignInAttemptsTable {
  id: Id;
  kind: 'sign_in' | 'reset' | 'portal_link' | 'visitor_booking';
  email: string;
  ip: string;
  at: Date;
  cleared: Generated<boolean>;
}

export interface CustomersTable {
  org_id: number;
  id: Id;
  location_id: number;
  customer_number: string;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  mailing_name: string;
  language: Language | null;
  email: string | null;
  email_status: Generated<'ok' | 'hard_bounced' | 'invalid'>;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  birthday: DateStr | null;
  do_not_mail: Generated<boolean>;
  do_not_mail_at: NullableStamp;
  do_not_mail_source: string | null;
  consent_basis: ConsentBasis | 'implied' | 'existing_business' | null;
  consent_date: DateStr | null;
  sales_rep_user_id: number | null;
  deceased: Generated<boolean>;
  last_visit_on: DateStr | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** E.164; texts go here (0840). */
  mobile_phone: string | null;
}

export interface VehiclesTable {
  org_id: number;
  id: Id;
  location_id: number;
  customer_id: number | null;
  vin: string;
  year: number | null;
  make: string | null;
  model: string | null;
  submodel: string | null;
  engine: string | null;
  body_style: string | null;
  fuel_type: string | null;
  drive_type: string | null;
  plant: string | null;
  plate: string | null;
  plate_region: string | null;
  delivery_date: DateStr | null;
  usage_unit: Generated<'km' | 'mi' | 'h'>;
  status: Generated<'active' | 'sold' | 'scrapped'>;
  captured_on: Generated<DateStr>;
  next_visit_on: DateStr | null;
  last_visit_on: DateStr | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface OdometerReadingsTable {
  org_id: number;
  id: Id;
  vehicle_id: number;
  read_on: DateStr;
  value: number;
  source: Generated<'repair_order' | 'staff' | 'portal' | 'import'>;
}

export interface RepairOrdersTable {
  org_id: number;
  id: Id;
  location_id: number;
  ro_number: string;
  customer_id: number | null;
  vehicle_id: number | null;
  opened_on: DateStr;
  closed_on: DateStr | null;
  status: Generated<'open' | 'closed' | 'void'>;
  odometer: number | null;
  is_maintenance: Generated<boolean>;
  total_amount: Num;
  created_at: Generated<Date>;
}

export interface RepairOrderLinesTable {
  org_id: number;
  id: Id;
  repair_order_id: number;
  line_no: number;
  kind: 'labor' | 'part' | 'package';
  description: string;
  quantity: Num;
  amount: Num;
}

export interface RecommendationsTable {
  org_id: number;
  id: Id;
  repair_order_id: number;
  line_no: number;
  description: string;
  estimate: NullableNum;
  status: Generated<'declined' | 'done'>;
}

export interface MechanicsTable {
  org_id: number;
  id: Id;
  location_id: number;
  name: string;
  skills: Generated<string[]>;
  user_id: number | null;
  active: Generated<boolean>;
}

export interface MechanicHoursTable {
  org_id: number;
  id: Id;
  mechanic_id: number;
  weekday: number;
  starts_at: string;
  ends_at: string;
}

export interface CourtesyVehiclesTable {
  org_id: number;
  id: Id;
  location_id: number;
  name: string;
  plate: string | null;
  active: Generated<boolean>;
}

export interface AppointmentsTable {
  org_id: number;
  id: Id;
  location_id: number;
  external_ref: string | null;
  customer_id: number | null;
  vehicle_id: number | null;
  visitor_name: string | null;
  visitor_email: string | null;
  visitor_phone: string | null;
  visitor_language: Language | null;
  mechanic_id: number | null;
  courtesy_vehicle_id: number | null;
  starts_at: Stamp;
  ends_at: Stamp;
  status: Generated<AppointmentStatus>;
  source: Generated<'staff' | 'portal' | 'import' | 'api'>;
  service_requested: string | null;
  required_skill: string | null;
  notes: string | null;
  confirmed_at: NullableStamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MaintenanceSchedulesTable {
  org_id: number;
  id: Id;
  location_id: number;
  make: string | null;
  model: string | null;
  name: string;
}

export interface MaintenanceScheduleItemsTable {
  org_id: number;
  id: Id;
  schedule_id: number;
  code: string;
  description: Json<Record<string, string>>;
  every_km: number | null;
  every_hours: number | null;
  every_months: number | null;
}

export interface MessageRulesTable {
  org_id: number;
  location_id: number;
  kind: string;
  channel: Channel;
  days: number;
  interval_days: number | null;
  dead_days: number | null;
  priority: Generated<number>;
  /** Order of the kind's channels at the location (1 first); null: email, text, postcard (0841). */
  channel_rank: number | null;
}

export interface TemplatesTable {
  org_id: number;
  id: Id;
  location_id: number;
  kind: string;
  channel: Channel;
  language: Language;
  subject: string | null;
  body: string;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: Generated<Date>;
}

/** A campaign's own message: a template (subject, body) per language. */
export type CampaignContent = Partial<Record<Language, { subject: string; body: string }>>;

/** A one-off message to a segment (migration 0850, docs/results.md#campaigns). */
export interface CampaignsTable {
  org_id: number;
  id: Id;
  location_id: number;
  name: string;
  status: Generated<'draft' | 'scheduled' | 'sent' | 'cancelled'>;
  vehicle_make: string | null;
  maintenance_within_days: number | null;
  inactive_min_months: number | null;
  inactive_max_months: number | null;
  language: Language | null;
  content: ColumnType<
    CampaignContent | null,
    CampaignContent | string | null | undefined,
    CampaignContent | string | null
  >;
  promotion_id: number | null;
  send_on: DateStr | null;
  sent_at: NullableStamp;
  cancelled_at: NullableStamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PromotionsTable {
  org_id: number;
  id: Id;
  location_id: number;
  name: string;
  coupon_code: string | null;
  description: Json<Record<string, string>>;
  valid_until: DateStr | null;
  active: Generated<boolean>;
  valid_from: DateStr | null;
  ended_on: DateStr | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CustomerVisitsTable {
  org_id: number;
  customer_id: number;
  location_id: number;
  first_visit_on: DateStr;
  /** Bit strings, bit b (from the left) for month 2000-01 + b: a visit in it; a visit in the 12
   * months ending with it; visits on two or more days in those 12 months. */
  months: string;
  active12: string;
  loyal12: string;
}

export interface MessageOutcomesTable {
  org_id: number;
  message_id: number;
  location_id: number;
  due_on: DateStr;
  /** The first day of due_on's month. */
  month: DateStr;
  kind: string;
  channel: string;
  language: string;
  /** 'sent', or 'control' for a message held back for the control group. */
  grp: 'sent' | 'control';
  /** Visits in the location's attribution window after due_on, their invoice totals, and for
   * DEFERRED the declined items of the named repair order and how many were done (migration 0871). */
  visits: number;
  invoice_total: string;
  deferred_items: number;
  deferred_items_done: number;
}

export interface ControlGroupsTable {
  org_id: number;
  location_id: number;
  kind: string;
  share: Num;
  updated_at: Generated<Date>;
}

export interface MessagesTable {
  org_id: number;
  id: Id;
  location_id: number;
  kind: string;
  channel: 'email' | 'postcard' | 'sms' | 'task' | 'none';
  recipient_type: Generated<'customer' | 'visitor' | 'staff'>;
  customer_id: number | null;
  vehicle_id: number | null;
  appointment_id: number | null;
  repair_order_id: number | null;
  recipient_user_id: number | null;
  recipient_email: string | null;
  language: Generated<Language>;
  due_on: DateStr;
  dedupe_key: string;
  status: Generated<MessageStatus>;
  reason: string | null;
  payload: Json<Record<string, unknown>>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  claimed_by: string | null;
  claimed_at: NullableStamp;
  sent_at: NullableStamp;
  provider_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** A text's last status from the provider's callbacks (0840). */
  provider_status: string | null;
  provider_status_at: NullableStamp;
  /**
   * Start of an attempt that may have reached the provider with no outcome recorded (its worker
   * died; set when the lease is released, 0873): a text asks its provider before sending again.
   */
  unsure_since: NullableStamp;
}

export interface StaffTasksTable {
  org_id: number;
  id: Id;
  location_id: number;
  kind: string;
  message_id: number | null;
  customer_id: number | null;
  vehicle_id: number | null;
  assigned_role: string;
  assigned_user_id: number | null;
  details: Json<Record<string, unknown>>;
  status: Generated<'open' | 'done' | 'cancelled'>;
  outcome: string | null;
  due_on: DateStr;
  created_at: Generated<Date>;
  completed_at: NullableStamp;
  completed_by: number | null;
}

export interface SurveysTable {
  org_id: number;
  id: Id;
  location_id: number;
  message_id: number | null;
  customer_id: number;
  vehicle_id: number | null;
  repair_order_id: number | null;
  rating: number | null;
  comment: string | null;
  answered_at: NullableStamp;
  digested_at: NullableStamp;
  created_at: Generated<Date>;
}

export interface PartnerSettingsTable {
  org_id: number;
  location_id: number;
  partner: 'customerlink' | 'mechanicnet' | 'carfax';
  enabled: Generated<boolean>;
  settings: Json<Record<string, unknown>>;
  secret_ciphertext: string | null;
  consent_user_id: number | null;
  consent_at: NullableStamp;
  updated_at: Generated<Date>;
}

export interface ExportRunsTable {
  org_id: number;
  id: Id;
  location_id: number;
  partner: string;
  run_on: DateStr;
  status: Generated<'running' | 'succeeded' | 'failed'>;
  attempts: Generated<number>;
  rows: number | null;
  bytes: number | null;
  checksum: string | null;
  error: string | null;
  started_at: Generated<Date>;
  finished_at: NullableStamp;
}

export interface EngineRunsTable {
  org_id: number;
  location_id: number;
  run_on: DateStr;
  status: Generated<'running' | 'done' | 'skipped_stale' | 'failed'>;
  counts: Json<Record<string, number>>;
  started_at: Generated<Date>;
  finished_at: NullableStamp;
}

export interface AuditLogTable {
  /** 0 for installation-wide entries (operator actions). */
  org_id: Generated<number>;
  id: Id;
  at: Generated<Date>;
  actor_type: 'user' | 'api_token' | 'customer' | 'system' | 'operator';
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  changes: Json<Record<string, unknown>>;
  /** The location of the record the entry is about; null for organization-wide entries (0830). */
  location_id: Generated<number | null>;
}

// Delivery (0200): the local mail catcher and postcard print batches.
export interface CaughtMailTable {
  org_id: Generated<number>;
  id: Id;
  message_id: string;
  envelope_from: string;
  envelope_to: string[];
  subject: Generated<string>;
  raw: string;
  caught_at: Generated<Date>;
  html: string | null;
  text: string | null;
  /** The location the mail was sent for; null for mail of no location (0831). */
  location_id: number | null;
}

export interface EmailSuppressionsTable {
  org_id: number;
  email: string;
  source: string;
  message_id: number | null;
  created_at: Generated<Date>;
}

export interface PostcardBatchesTable {
  org_id: number;
  id: string;
  location_id: number;
  run_on: DateStr;
  cards: number;
  bytes: number | null;
  status: Generated<'building' | 'accepted' | 'failed'>;
  vendor_ref: string | null;
  error: string | null;
  created_at: Generated<Date>;
  accepted_at: NullableStamp;
  // 0650: durable batches (claimed, leased, retried as the same card set).
  claimed_by: string | null;
  lease_until: NullableStamp;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  /** bigint[]: node-postgres returns the ids of an int8 array as strings. */
  message_ids: Generated<string[]>;
}

// Engine (0100): predicted next maintenance per vehicle, and vehicles to recompute.
export interface VehicleMaintenanceTable {
  org_id: number;
  vehicle_id: number;
  location_id: number;
  next_due_on: DateStr | null;
  next_due_odometer: number | null;
  items: Json<
    Array<{
      code: string;
      description: Record<string, string>;
      due_on: string | null;
      due_odometer: number | null;
    }>
  >;
  computed_at: Generated<Date>;
}

export interface MaintenanceDirtyTable {
  org_id: number;
  vehicle_id: number;
}

export interface EngineLocationStateTable {
  org_id: number;
  location_id: number;
  maintenance_full_at: Generated<Date>;
  /** The catch-up cursor: last local day the scheduled run accounted for (migration 0600). */
  caught_up_to: DateStr | null;
}

/** The send queue ahead kept per location and span of days (migration 0870, src/engine/send-queue.ts). */
export interface SendQueueForecastsTable {
  org_id: number;
  location_id: number;
  from_day: DateStr;
  days: number;
  computed_now: Date;
  computed_at: Generated<Date>;
  /** pg_snapshot, as its text. */
  snapshot: string;
  items: Json;
}

/** One row per transaction that wrote data the engine reads, per organization (migration 0870). */
export interface SendQueueChangesTable {
  org_id: number;
  /** xid8, as its text. */
  xid: string;
  at: Generated<Date>;
}

export interface DB {
  organizations: OrganizationsTable;
  locations: LocationsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_resets: PasswordResetsTable;
  sign_in_attempts: SignInAttemptsTable;
  customers: CustomersTable;
  vehicles: VehiclesTable;
  odometer_readings: OdometerReadingsTable;
  repair_orders: RepairOrdersTable;
  repair_order_lines: RepairOrderLinesTable;
  recommendations: RecommendationsTable;
  mechanics: MechanicsTable;
  mechanic_hours: MechanicHoursTable;
  courtesy_vehicles: CourtesyVehiclesTable;
  appointments: AppointmentsTable;
  maintenance_schedules: MaintenanceSchedulesTable;
  maintenance_schedule_items: MaintenanceScheduleItemsTable;
  message_rules: MessageRulesTable;
  templates: TemplatesTable;
  promotions: PromotionsTable;
  campaigns: CampaignsTable;
  control_groups: ControlGroupsTable;
  customer_visits: CustomerVisitsTable;
  message_outcomes: MessageOutcomesTable;
  messages: MessagesTable;
  staff_tasks: StaffTasksTable;
  surveys: SurveysTable;
  partner_settings: PartnerSettingsTable;
  export_runs: ExportRunsTable;
  engine_runs: EngineRunsTable;
  audit_log: AuditLogTable;
  caught_mail: CaughtMailTable;
  postcard_batches: PostcardBatchesTable;
  vehicle_maintenance: VehicleMaintenanceTable;
  maintenance_dirty: MaintenanceDirtyTable;
  engine_location_state: EngineLocationStateTable;
  send_queue_forecasts: SendQueueForecastsTable;
  send_queue_changes: SendQueueChangesTable;
  email_suppressions: EmailSuppressionsTable;
  customer_consents: CustomerConsentsTable;
  customer_consent_history: CustomerConsentHistoryTable;
  portal_sign_in_links: PortalSignInLinksTable;
  portal_sessions: PortalSessionsTable;
  sms_settings: SmsSettingsTable;
  caught_texts: CaughtTextsTable;
  sms_opt_outs: SmsOptOutsTable;
  sms_conversation: SmsConversationTable;
  sms_links: SmsLinksTable;
}

/** Consent per customer, channel and purpose (migration 0730); overrides customers.consent_basis. */
export interface CustomerConsentsTable {
  org_id: number;
  customer_id: number;
  channel: 'email' | 'postcard' | 'text';
  purpose: 'service' | 'marketing';
  basis: ConsentBasis;
  source: 'staff' | 'api' | 'import' | 'portal' | 'unsubscribe' | 'list_unsubscribe' | 'sms_keyword';
  given_on: DateStr | null;
  evidence: Json<Record<string, unknown>>;
  recorded_at: Generated<Date>;
}

export interface CustomerConsentHistoryTable {
  org_id: number;
  id: Id;
  customer_id: number;
  channel: string;
  purpose: string;
  basis: string;
  previous_basis: string | null;
  source: string;
  given_on: DateStr | null;
  evidence: Json<Record<string, unknown>>;
  recorded_at: Generated<Date>;
}

export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
export type Vehicle = Selectable<VehiclesTable>;
export type NewVehicle = Insertable<VehiclesTable>;
export type Location = Selectable<LocationsTable>;
export type RepairOrder = Selectable<RepairOrdersTable>;
export type Mechanic = Selectable<MechanicsTable>;
export type CourtesyVehicle = Selectable<CourtesyVehiclesTable>;
export type MessageRule = Selectable<MessageRulesTable>;
export type Appointment = Selectable<AppointmentsTable>;
export type Message = Selectable<MessagesTable>;
