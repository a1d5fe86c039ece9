// The registry of message kinds: who receives each, which channels it may use, its default
// day settings, and its priority under the frequency cap (lower number wins).
// Day settings: "days" is the offset the rule uses (before or after its event); 0 disables.
// For kinds sent at once on an event (V01, V02, E05, P01, P02) any positive value means "on".
import type { Channel } from '../../domain/channel.ts';

export type Audience = 'customer' | 'staff';

export interface KindSpec {
  code: string;
  audience: Audience;
  channels: readonly Channel[];
  defaults: { email: number; postcard: number; interval?: number; dead?: number };
  priority: number;
  /** Short English label; translations live in src/i18n. */
  label: string;
}

// Every customer kind with a shipped text (src/delivery/sms/templates) may also go by text.
const both = ['email', 'postcard', 'sms'] as const;
const emailAndText = ['email', 'sms'] as const;
const emailOnly = ['email'] as const;

export const KINDS = [
  {
    code: 'REMINDER_1',
    audience: 'customer',
    channels: both,
    defaults: { email: 14, postcard: 21 },
    priority: 40,
    label: 'First reminder',
  },
  {
    code: 'REMINDER_2',
    audience: 'customer',
    channels: both,
    defaults: { email: 3, postcard: 0 },
    priority: 30,
    label: 'Second reminder',
  },
  {
    code: 'NO_SHOW',
    audience: 'customer',
    channels: both,
    defaults: { email: 1, postcard: 2 },
    priority: 20,
    label: 'Missed appointment',
  },
  {
    code: 'THANK_YOU',
    audience: 'customer',
    channels: both,
    defaults: { email: 1, postcard: 0 },
    priority: 70,
    label: 'Thank you',
  },
  {
    code: 'DEFERRED',
    audience: 'customer',
    channels: both,
    defaults: { email: 14, postcard: 14 },
    priority: 60,
    label: 'Declined work',
  },
  {
    code: 'INACTIVE',
    audience: 'customer',
    channels: both,
    defaults: { email: 180, postcard: 180, interval: 90, dead: 540 },
    priority: 90,
    label: 'We miss you',
  },
  {
    code: 'V01',
    audience: 'customer',
    channels: both,
    defaults: { email: 1, postcard: 0 },
    priority: 80,
    label: 'Acknowledgement',
  },
  {
    code: 'V02',
    audience: 'customer',
    channels: both,
    defaults: { email: 1, postcard: 0 },
    priority: 95,
    label: 'Happy birthday',
  },
  {
    code: 'E01',
    audience: 'customer',
    channels: both,
    defaults: { email: 14, postcard: 21 },
    priority: 50,
    label: 'First maintenance recall',
  },
  {
    code: 'E02',
    audience: 'customer',
    channels: both,
    defaults: { email: 14, postcard: 14 },
    priority: 45,
    label: 'Second maintenance recall',
  },
  {
    code: 'E03',
    audience: 'customer',
    channels: emailOnly,
    defaults: { email: 2, postcard: 0 },
    priority: 75,
    label: 'Satisfaction survey',
  },
  {
    code: 'E04',
    audience: 'customer',
    channels: emailAndText,
    defaults: { email: 2, postcard: 0 },
    priority: 10,
    label: 'Appointment reminder',
  },
  {
    code: 'E05',
    audience: 'customer',
    channels: emailAndText,
    defaults: { email: 1, postcard: 0 },
    priority: 10,
    label: 'Appointment confirmation',
  },
  {
    code: 'E06',
    audience: 'staff',
    channels: emailOnly,
    defaults: { email: 1, postcard: 0 },
    priority: 0,
    label: 'Survey answers',
  },
  {
    code: 'E07',
    audience: 'customer',
    channels: both,
    defaults: { email: 1, postcard: 0 },
    priority: 85,
    label: 'Promotion',
  },
  {
    code: 'P00',
    audience: 'staff',
    channels: emailOnly,
    defaults: { email: 14, postcard: 0 },
    priority: 0,
    label: 'Customer potentially lost',
  },
  {
    code: 'P01',
    audience: 'staff',
    channels: emailOnly,
    defaults: { email: 1, postcard: 0 },
    priority: 0,
    label: 'Customer file changed',
  },
  // A campaign staff scheduled (docs/results.md#campaigns): one message per customer of its
  // segment on its day. The day setting is an on/off switch per channel (postcards off by default).
  {
    code: 'CAMPAIGN',
    audience: 'customer',
    channels: both,
    defaults: { email: 1, postcard: 0 },
    priority: 88,
    label: 'Campaign',
  },
  // A customer (portal) or a visitor (booking page) requested an appointment: an email to the
  // location's service advisor, next to the APPOINTMENT_REQUEST task.
  {
    code: 'P02',
    audience: 'staff',
    channels: emailOnly,
    defaults: { email: 1, postcard: 0 },
    priority: 0,
    label: 'Appointment request',
  },
  // The sales side of V01 (a task for the role route_sales names); off unless a location sets it.
  {
    code: 'V01_SALES',
    audience: 'staff',
    channels: emailOnly,
    defaults: { email: 0, postcard: 0 },
    priority: 0,
    label: 'Vehicle captured (sales task)',
  },
  // The location's public review link after a completed visit (docs/engine.md#review): the same
  // link to every customer, whatever their survey answer (no review gating). The rule decides
  // nothing while the location has no review link (locations.review_link).
  {
    code: 'REVIEW',
    audience: 'customer',
    channels: both,
    defaults: { email: 1, postcard: 0 },
    priority: 78,
    label: 'Review request',
  },
] as const satisfies readonly KindSpec[];

export type KindCode = (typeof KINDS)[number]['code'];

export const KIND_CODES: readonly KindCode[] = KINDS.map((k) => k.code);

const byCode = new Map<string, KindSpec>(KINDS.map((k) => [k.code, k]));

export function kindSpec(code: string): KindSpec {
  const spec = byCode.get(code);
  if (!spec) throw new Error(`Unknown message kind "${code}"`);
  return spec;
}

export function isKindCode(code: string): code is KindCode {
  return byCode.has(code);
}

/** The rows a new location gets in message_rules. */
export function defaultRules(): Array<{
  kind: KindCode;
  channel: Channel;
  days: number;
  interval_days: number | null;
  dead_days: number | null;
  priority: number;
}> {
  return KINDS.flatMap((k) =>
    (['email', 'postcard', 'sms'] as const).map((channel) => {
      const d: KindSpec['defaults'] = k.defaults;
      return {
        kind: k.code,
        channel,
        // Texts are decided like emails: the email day setting.
        days: (k.channels as readonly Channel[]).includes(channel)
          ? d[channel === 'sms' ? 'email' : channel]
          : 0,
        interval_days: d.interval ?? null,
        dead_days: d.dead ?? null,
        priority: k.priority,
      };
    }),
  );
}

/**
 * Kinds whose message is about one booked appointment: when the appointment is cancelled or moved,
 * the daily run cancels them (engine/run-day.ts) and delivery refuses them (engine/still-valid.ts).
 */
export const APPOINTMENT_KINDS: readonly string[] = ['E04', 'E05', 'REMINDER_1', 'REMINDER_2'];
