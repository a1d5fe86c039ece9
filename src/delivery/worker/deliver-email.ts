// Sends one claimed email (or staff task) message: checks it is still wanted, renders it, hands it
// to SMTP, and records the result right after the server accepts it (one autocommit UPDATE).
import type { Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.ts';
import type { Language } from '../../domain/language.ts';
import { kindSpec } from '../../domain/messages/kinds.ts';
import { missingIdentification } from '../../domain/compliance/identification.ts';
import type { MessagePayload } from '../../domain/messages/payload.ts';
import { buildEmail, type SenderConfig } from '../email/build-email.ts';
import type { Mailer, SendResult } from '../email/mailer.ts';
import { buildMergeData } from '../merge/build-merge-data.ts';
import type { LinkContext } from '../merge/links.ts';
import { key, overrideFor, type SendContext } from '../merge/load-send-context.ts';
import { renderTemplate } from '../templates/render-message.ts';
import { markOutcome, markRetry, markSent } from './record.ts';
import type { SentRecorder } from './sent-recorder.ts';
import { recordSendWindow } from './send-window.ts';
import { stillValid, type StillValid } from './still-valid.ts';

export interface DeliverDeps {
  db: Kysely<DB>;
  mailer: Mailer;
  sender: SenderConfig;
  links: Omit<LinkContext, 'now'>;
  now: () => Date;
  recorder: SentRecorder;
}

export type Outcome = 'sent' | 'retry' | 'failed' | 'cancelled' | 'held';

/** `checked`: the engine's still-valid answer when the caller asked it for the whole batch. */
export async function deliverMessage(
  deps: DeliverDeps,
  m: Message,
  sc: SendContext,
  checked?: StillValid,
): Promise<Outcome> {
  const { db } = deps;
  const now = deps.now();
  const location = sc.locations.get(key(m.org_id, m.location_id));
  if (!location) return fail('failed', 'location not found');
  const customer = m.customer_id !== null ? (sc.customers.get(key(m.org_id, m.customer_id)) ?? null) : null;
  const staff = m.recipient_user_id !== null ? (sc.users.get(m.recipient_user_id) ?? null) : null;
  const audience = kindSpec(m.kind).audience;

  if (audience === 'customer') {
    if (customer?.do_not_mail) return fail('cancelled', 'do_not_mail');
    if (customer?.email_status === 'hard_bounced') return fail('cancelled', 'hard_bounced');
    if (!location.email_enabled) return fail('cancelled', 'email_off');
    const address = (m.recipient_email ?? customer?.email)?.toLowerCase();
    // The address itself asked (a visitor's unsubscribe, email_suppressions): Do Not Mail too.
    if (address && sc.suppressed.has(key(m.org_id, address))) return fail('cancelled', 'do_not_mail');
  }
  const check = checked ?? (await stillValid(db, m));
  if (!check.valid) return fail('cancelled', check.reason);
  // CASL / CAN-SPAM: re-checked at send time, not only when the engine decided: a location whose
  // General settings lost its name, mailing address or contact since sends nothing to customers
  // or visitors; the message is held, as the engine holds it (docs/compliance.md).
  if (audience === 'customer' && missingIdentification(location).length > 0)
    return fail('held', 'no_identification');

  if (m.channel === 'task') await createStaffTask(db, m);

  const to =
    audience === 'staff'
      ? staff && !staff.email.endsWith('.invalid')
        ? { name: staff.name, address: staff.email }
        : null
      : (customer?.email ?? m.recipient_email)
        ? {
            name: customer?.mailing_name ?? (m.payload as MessagePayload).visitor?.name ?? '',
            address: (m.recipient_email ?? customer?.email)!,
          }
        : null;
  if (!to) {
    if (m.channel === 'task') {
      await markSent(db, m, `task:${m.org_id}:${m.id}`, now, 'task created; no staff email to notify');
      return 'sent';
    }
    return fail('failed', 'no email address');
  }

  const language: Language = audience === 'staff' && staff ? staff.language : m.language;
  const links = { ...deps.links, now };
  let mail;
  try {
    const data = buildMergeData(
      {
        message: m,
        language,
        location,
        customer,
        staff,
        surveys: ((m.payload as MessagePayload).survey_ids ?? []).flatMap(
          (id) => sc.surveys.get(key(m.org_id, id)) ?? [],
        ),
      },
      links,
    );
    const override = overrideFor(sc, m, 'email', language);
    const rendered = await renderTemplate({ kind: m.kind, channel: 'email', language, override }, data);
    mail = buildEmail(
      {
        message: m,
        location,
        rendered,
        to,
        unsubscribeUrl: audience === 'customer' ? String(data.unsubscribe_link) : null,
        now,
      },
      deps.sender,
    );
  } catch (err) {
    return fail('failed', `could not render: ${(err as Error).message}`);
  }

  let sent: SendResult;
  try {
    sent = await deps.mailer.send(mail, m.org_id, m.location_id, m.id);
  } catch (err) {
    const e = err as Error & { responseCode?: number; code?: string };
    const reason = `${e.responseCode ?? e.code ?? 'error'}: ${e.message}`;
    if (e.responseCode && e.responseCode >= 500) return fail('failed', reason);
    return markRetry(db, m, reason, deps.now());
  }
  // The window: accepted by the server, not yet recorded. Recorded at once (see SentRecorder),
  // unless the SMTP thread already did.
  if (sent.recorded) recordSendWindow(performance.now() - (sent.acceptedAt ?? performance.now()));
  else await deps.recorder.record(m, sent.messageId, sent.acceptedAt);
  return 'sent';

  async function fail(status: 'failed' | 'cancelled' | 'held', reason: string): Promise<Outcome> {
    await markOutcome(db, m, status, reason, deps.now());
    return status;
  }
}

/** P00/P01/E06 become a row in staff_tasks; unique on message_id, so a retry adds nothing. */
async function createStaffTask(db: Kysely<DB>, m: Message): Promise<void> {
  const p = m.payload as MessagePayload;
  await db
    .insertInto('staff_tasks')
    .values({
      org_id: m.org_id,
      location_id: m.location_id,
      kind: m.kind,
      message_id: m.id,
      customer_id: m.customer_id,
      vehicle_id: m.vehicle_id,
      assigned_role: p.assigned_role ?? 'crm_agent',
      assigned_user_id: m.recipient_user_id,
      details: JSON.stringify(p),
      due_on: m.due_on,
    })
    .onConflict((oc) => oc.columns(['org_id', 'message_id']).doNothing())
    .execute();
}
