// Template preview with sample data: what staff see while editing (API) and
// `relance templates preview`. Uses the draft override when given, else the location's saved
// override, else the shipped template.
import type { Kysely } from 'kysely';
import type { Customer, DB, Location } from '../../db/schema.ts';
import type { Language } from '../../domain/language.ts';
import { kindSpec } from '../../domain/messages/kinds.ts';
import type { MessagePayload } from '../../domain/messages/payload.ts';
import { deriveKeys } from '../../security/keys.ts';
import type { Rendered } from './compile.ts';
import { buildMergeData, type MergeInput } from '../merge/build-merge-data.ts';
import { renderTemplate } from './render-message.ts';

export interface PreviewRequest {
  orgId: number;
  locationId: number;
  kind: string;
  channel: 'email' | 'postcard';
  language: Language;
  override?: { subject: string | null; body: string } | null;
  /** A promotion of the location to offer in place of the sample one (a promotion campaign, E07). */
  promotionId?: number;
}

export interface PreviewOptions {
  publicUrl?: string;
  now?: Date;
}

export async function renderMessagePreview(
  db: Kysely<DB>,
  req: PreviewRequest,
  options: PreviewOptions = {},
): Promise<Rendered> {
  const location = await db
    .selectFrom('locations')
    .selectAll()
    .where('org_id', '=', req.orgId)
    .where('id', '=', req.locationId)
    .executeTakeFirst();
  if (!location) throw new Error(`Location ${req.locationId} not found`);
  let promotion: MessagePayload['promotion'];
  if (req.promotionId !== undefined) {
    const row = await db
      .selectFrom('promotions')
      .select(['id', 'name', 'coupon_code', 'description', 'valid_until'])
      .where('org_id', '=', req.orgId)
      .where('location_id', '=', req.locationId)
      .where('id', '=', req.promotionId)
      .executeTakeFirst();
    if (!row) throw new PromotionNotFoundError(req.promotionId);
    // As the engine puts it in the message (src/engine/rules/campaign.ts, e07).
    promotion = {
      id: Number(row.id),
      name: row.name,
      coupon_code: row.coupon_code,
      description: row.description as Partial<Record<Language, string>>,
      valid_until: row.valid_until,
    } as MessagePayload['promotion'];
  }
  let override = req.override ?? null;
  if (override === null && req.override === undefined) {
    override =
      (await db
        .selectFrom('templates')
        .select(['subject', 'body'])
        .where('org_id', '=', req.orgId)
        .where('location_id', '=', req.locationId)
        .where('kind', '=', req.kind)
        .where('channel', '=', req.channel)
        .where('language', '=', req.language)
        .executeTakeFirst()) ?? null;
  }
  return renderSample({ ...req, override, location, promotion }, options);
}

export class PromotionNotFoundError extends Error {
  constructor(id: number) {
    super(`Promotion ${id} not found at this location`);
  }
}

/** Renders a sample without a database (a made-up location unless one is given). */
export async function renderSample(
  req: Omit<PreviewRequest, 'orgId' | 'locationId' | 'promotionId'> & {
    location?: Location;
    promotion?: MessagePayload['promotion'];
  },
  options: PreviewOptions = {},
): Promise<Rendered> {
  const spec = kindSpec(req.kind);
  if (req.channel === 'postcard' && spec.audience === 'staff')
    throw new Error(`${req.kind} is a staff message: it has no postcard`);
  const now = options.now ?? new Date();
  const input = sampleMergeInput(req.kind, req.language, now, req.location);
  if (req.promotion) input.message.payload = { ...input.message.payload, promotion: req.promotion };
  const data = buildMergeData(input, {
    publicUrl: (options.publicUrl ?? 'http://localhost:3000').replace(/\/$/, ''),
    keys: PREVIEW_KEYS,
    now,
  });
  return renderTemplate(
    { kind: req.kind, channel: req.channel, language: req.language, override: req.override ?? null },
    data,
  );
}

/** The sample message, customer, location, staff member and survey answers a preview merges. */
export function sampleMergeInput(kind: string, language: Language, now: Date, loc?: Location): MergeInput {
  const location = loc ?? SAMPLE_LOCATION;
  return {
    message: {
      org_id: location.org_id,
      id: 0,
      kind,
      customer_id: 0,
      recipient_email: null,
      payload: samplePayload(now) as Record<string, unknown>,
    },
    language,
    location,
    customer: SAMPLE_CUSTOMER,
    staff: { id: 0, org_id: location.org_id, name: 'Alex Martin', email: 'alex@example.test', language },
    surveys: [
      {
        id: 1,
        org_id: 0,
        customer: 'Marie-Ève Lévesque',
        rating: 5,
        comment: 'Service rapide et soigné.',
        answered_at: now,
        vehicle: '2021 Toyota RAV4',
      },
      { id: 2, org_id: 0, customer: 'John Smith', rating: 3, comment: null, answered_at: now, vehicle: null },
    ],
  };
}

// Preview links are signed with a throw-away key: they never work against a real service.
const PREVIEW_KEYS = deriveKeys('0'.repeat(64));

export function samplePayload(now: Date): MessagePayload {
  const day = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const start = new Date(`${day(7)}T13:30:00Z`);
  return {
    vehicles: [
      { id: 1, year: 2021, make: 'Toyota', model: 'RAV4', plate: 'FXR 482' },
      { id: 2, year: 2018, make: 'Honda', model: 'Civic', plate: 'K21 7PQ' },
    ],
    next_visit_on: day(14),
    appointment: {
      id: 1,
      starts_at: start.toISOString(),
      ends_at: new Date(start.getTime() + 3_600_000).toISOString(),
      mechanic: 'Luc',
      service: 'Oil change',
    },
    last_service_on: day(-120),
    repair_order: { id: 1, number: 'RO-10482' },
    review_link: 'https://g.page/r/garage-levesque/review',
    deferred_items: ['Front brake pads', 'Cabin air filter', 'Wiper blades'],
    maintenance: {
      due_on: day(14),
      items: [
        {
          code: 'OIL',
          description: {
            en: 'Oil and filter change',
            fr: 'Vidange d’huile et filtre',
            es: 'Cambio de aceite y filtro',
          },
        },
        {
          code: 'ROT',
          description: { en: 'Tire rotation', fr: 'Permutation des pneus', es: 'Rotación de neumáticos' },
        },
      ],
    },
    promotion: {
      id: 1,
      name: '20% off your next service',
      coupon_code: 'WELCOME20',
      description: {
        en: 'On parts and labour.',
        fr: 'Sur les pièces et la main-d’œuvre.',
        es: 'En piezas y mano de obra.',
      },
    },
    changes: {
      phone: { from: '514-555-0101', to: '514-555-0199' },
      email: { from: 'old@example.test', to: 'marie@example.test' },
    },
  };
}

const SAMPLE_LOCATION: Location = {
  org_id: 0,
  id: 0,
  code: 'SAMPLE',
  name: 'Garage Lévesque',
  time_zone: 'America/Toronto',
  language: 'en',
  address_line1: '1200 rue Saint-Denis',
  address_line2: null,
  city: 'Montréal',
  region: 'QC',
  postal_code: 'H2X 3J6',
  country: 'CA',
  phone: '514-555-0100',
  email: 'service@garage.example',
  business_name: 'Garage Lévesque',
  business_owner: 'Sophie Lévesque',
  business_phone: '514-555-0100',
  business_email: 'service@garage.example',
  feedback_link: 'https://garage.example/avis',
  review_link: 'https://g.page/r/garage-levesque/review',
  email_enabled: true,
  postcards_enabled: true,
  run_hour: 6,
  staleness_days: 7,
  cap_count: 2,
  cap_days: 7,
  route_e06: 'crm_agent',
  route_p00: 'crm_agent',
  route_p01: 'crm_agent',
  route_sales: 'sales_rep',
  created_at: new Date(0),
  attribution_days: 30,
  sms_enabled: true,
};

const SAMPLE_CUSTOMER: Customer = {
  org_id: 0,
  id: 0,
  location_id: 0,
  customer_number: 'C-0001',
  first_name: 'Marie-Ève',
  last_name: 'Lévesque',
  company_name: null,
  mailing_name: 'Marie-Ève Lévesque',
  language: null,
  email: 'marie@example.test',
  email_status: 'ok',
  phone: '514-555-0199',
  mobile_phone: '+15145550199',
  address_line1: '45 avenue du Parc',
  address_line2: null,
  city: 'Montréal',
  region: 'QC',
  postal_code: 'H2V 4E7',
  country: 'CA',
  birthday: null,
  do_not_mail: false,
  do_not_mail_at: null,
  do_not_mail_source: null,
  consent_basis: 'express',
  consent_date: null,
  sales_rep_user_id: null,
  deceased: false,
  last_visit_on: null,
  created_at: new Date(0),
  updated_at: new Date(0),
};
