// Sends one claimed text (channel 'sms'): the same claim, still-valid check, identification check
// and outcome records as email (deliver-email.ts), plus what texts need: the location's texts
// switched on, a mobile number, consent for texts, no STOP from the number, and quiet hours (a
// text due outside them goes back to pending until the next allowed time, its attempt not
// counted). Sent texts join the customer's conversation. A text the provider refuses because of
// the number (invalid, not mobile, unsubscribed) fails and falls back like a failed status
// callback (sms/fall-back.ts). A text whose earlier attempt may have reached the provider (its
// worker died mid-send) is looked up there first (sms/reconcile.ts).
import { sql, type Kysely } from 'kysely';
import type { DB, Message } from '../../db/schema.ts';
import { missingIdentification } from '../../domain/compliance/identification.ts';
import { purposeOf } from '../../domain/compliance/purpose.ts';
import { UNDELIVERABLE } from '../../domain/sms/keywords.ts';
import type { MessagePayload } from '../../domain/messages/payload.ts';
import { textConsentHold } from '../../domain/sms/text-consent.ts';
import type { Keys } from '../../security/keys.ts';
import { buildMergeData } from '../merge/build-merge-data.ts';
import type { LinkContext } from '../merge/links.ts';
import { key, overrideKey, type SendContext } from '../merge/load-send-context.ts';
import { fallBackFromText, NUMBER_ERRORS } from '../sms/fall-back.ts';
import { SmsProviderError } from '../sms/provider.ts';
import { nextTextTime } from '../sms/quiet-hours.ts';
import { findEarlierAttempt, releaseTaken } from '../sms/reconcile.ts';
import { recordTextStatus } from '../../commands/record-text-status.ts';
import { shortLinkFor } from '../sms/short-links.ts';
import { DEFAULT_SEND_HOURS } from '../sms/sms-settings.ts';
import { loadTextBatch, type TextBatch } from '../sms/text-batch.ts';
import { renderText } from '../sms/text-templates.ts';
import type { TextSender } from '../sms/text-sender.ts';
import type { Outcome } from './deliver-email.ts';
import { markOutcome, markRetry } from './record.ts';
import type { SentRecorder } from './sent-recorder.ts';
import { recordSendWindow } from './send-window.ts';
import { STAFF_TEXT, unknownNumberOf } from '../../domain/sms/staff-text.ts';
import type { StillValid } from './still-valid.ts';

export interface TextDeps {
  db: Kysely<DB>;
  keys: Keys;
  texts: TextSender;
  links: Omit<LinkContext, 'now'>;
  now: () => Date;
  recorder: SentRecorder;
  log?: (line: string) => void;
}

export const statusCallbackUrl = (publicUrl: string, orgId: number, locationId: number) =>
  `${publicUrl}/hooks/sms/${orgId}/${locationId}/status`;

export async function deliverText(
  deps: TextDeps,
  m: Message,
  sc: SendContext,
  check: StillValid,
  /** The batch's STOPs, consents, settings and short links (loadTextBatch), when the caller loaded them. */
  batch?: TextBatch,
): Promise<Outcome | { recorded: Promise<void> }> {
  const { db } = deps;
  const now = deps.now();
  const location = sc.locations.get(key(m.org_id, m.location_id));
  if (!location) return fail('failed', 'location not found');
  const customer = m.customer_id !== null ? (sc.customers.get(key(m.org_id, m.customer_id)) ?? null) : null;
  // A staff answer to a number that matches no customer: no customer, so no Do Not Mail nor
  // consent to look up (answer-unknown-number.ts); the rest applies.
  const unknownNumber = customer ? null : unknownNumberOf(m);
  if (!customer && !unknownNumber) return fail('failed', 'texts go to customers only');
  if (!location.sms_enabled) return fail('cancelled', 'texts are switched off for this location');
  if (customer?.do_not_mail) return fail('cancelled', 'do_not_mail');
  const to = customer ? customer.mobile_phone?.trim() : unknownNumber;
  if (!to) return fail('failed', 'no mobile number');
  if (!check.valid) return fail('cancelled', check.reason);
  if (missingIdentification(location).length > 0) return fail('held', 'no_identification');

  const tb = batch ?? (await loadTextBatch(db, deps.keys, deps.links.publicUrl, [m], sc, now));
  const optOut = tb.optOuts.get(`${m.org_id}|${m.location_id}|${to}`);
  if (optOut)
    return fail(
      'cancelled',
      optOut === UNDELIVERABLE
        ? 'the number could not be reached (an earlier text failed)'
        : `the number texted ${optOut}`,
    );
  const consent = customer
    ? textConsentHold(purposeOf(m.kind, m.appointment_id), tb.consents.get(key(m.org_id, customer.id)) ?? [])
    : null;
  if (consent) return fail('held', consent);

  const settings = tb.settings.get(key(m.org_id, m.location_id)) ?? { provider: null, ...DEFAULT_SEND_HOURS };
  const allowed = nextTextTime(now, { timeZone: location.time_zone, ...settings });
  if (allowed > now) {
    await sql`UPDATE messages SET status = 'pending', claimed_by = NULL, attempts = attempts - 1, next_attempt_at = ${allowed},
                     reason = ${`quiet hours: waits until ${allowed.toISOString()}`}, updated_at = ${now}
               WHERE org_id = ${m.org_id} AND id = ${m.id} AND status = 'sending'`.execute(db);
    return 'retry';
  }

  let body: string;
  try {
    // A staff answer from the inbox: its own words, no template.
    if (m.kind === STAFF_TEXT) body = String((m.payload as { body?: unknown }).body ?? '');
    else if (!customer) return fail('failed', 'texts go to customers only');
    else {
      const links = { ...deps.links, now };
      const data = buildMergeData(
        {
          message: m,
          language: m.language,
          location,
          customer,
          staff: null,
          surveys: ((m.payload as MessagePayload).survey_ids ?? []).flatMap(
            (id) => sc.surveys.get(key(m.org_id, id)) ?? [],
          ),
        },
        links,
      );
      data.short_link =
        tb.links.get(key(m.org_id, m.id)) ??
        (await shortLinkFor(db, deps.links.publicUrl, { ...m, customer_id: customer.id }, now));
      const override =
        sc.overrides.get(overrideKey(m.org_id, m.location_id, m.kind, 'sms', m.language))?.body ?? null;
      body = renderText({ kind: m.kind, language: m.language, override }, data);
    }
  } catch (err) {
    return fail('failed', `could not render: ${(err as Error).message}`);
  }

  const line = { locationId: m.location_id, customerId: customer?.id ?? null, phone: to, body };
  // An earlier attempt whose worker died may have reached the provider: ask it first, and record
  // what it accepted instead of sending again (sms/reconcile.ts). Only such rows pay the lookup.
  if (m.unsure_since) {
    const earlier = await findEarlierAttempt(db, settings.provider, m, { to, body });
    if (earlier.found === true) {
      const { sid } = earlier;
      deps.log?.(
        `text ${m.org_id}/${m.id}: found at the provider (${sid}) from an attempt whose worker stopped; recorded, not sent again`,
      );
      const recorded = deps.recorder.record(m, sid, performance.now(), line);
      void recorded.then(
        () => releaseTaken(sid),
        () => releaseTaken(sid),
      );
      // Its status there stands for the callbacks that came while it was unrecorded (dropped then):
      // delivered is kept, failed or undelivered falls back along the channel order.
      return { recorded: recorded.then(() => applyFoundStatus(deps, m, sid, earlier)) };
    }
    if (earlier.found === 'unknown')
      deps.log?.(
        `text ${m.org_id}/${m.id}: could not ask the provider whether its earlier attempt arrived (${earlier.reason}); sending it again`,
      );
  }

  let sent: { sid: string; status: string; acceptedAt?: number; committed?: Promise<boolean> };
  let acceptedAt: number;
  try {
    sent = await deps.texts.send(
      { orgId: m.org_id, locationId: m.location_id, messageId: m.id },
      settings.provider,
      {
        to,
        body,
        statusCallback: settings.provider
          ? statusCallbackUrl(deps.links.publicUrl, m.org_id, m.location_id)
          : null,
      },
      // A sender that records (the worker's HTTP thread on PostgreSQL) writes "sent" and this line
      // itself, the moment the provider accepts.
      { orgId: m.org_id, id: m.id, ...line },
    );
    acceptedAt = sent.acceptedAt ?? performance.now();
  } catch (err) {
    const e = err as Error;
    if (e instanceof SmsProviderError && e.code === 'no_sms_provider') return fail('held', 'no_sms_provider');
    if (e instanceof SmsProviderError && e.final && NUMBER_ERRORS.has(e.code)) {
      // The number cannot take texts: fall back as a failed status callback does.
      const at = deps.now();
      await db.transaction().execute(async (trx) => {
        const failed = await trx
          .updateTable('messages')
          .set({ status: 'failed', reason: e.message.slice(0, 500), updated_at: at })
          .where('org_id', '=', m.org_id)
          .where('id', '=', m.id)
          .where('status', '=', 'sending')
          .executeTakeFirst();
        if (Number(failed.numUpdatedRows) > 0)
          await fallBackFromText(trx, m.org_id, m.id, `refused (error ${e.code})`, at, to);
      });
      return 'failed';
    }
    if (e instanceof SmsProviderError && e.final) return fail('failed', e.message);
    return markRetry(db, m, e.message, deps.now());
  }
  // The window: accepted by the provider, not yet recorded (as for email; see SentRecorder): "sent"
  // and the conversation's line in one statement, shared with the texts accepted meanwhile (a staff
  // answer's line exists since it was queued: it gets its provider id). When the HTTP thread
  // records it, this thread only waits for that commit (and records it if the thread's failed).
  const { sid, committed } = sent;
  const recorded = committed
    ? committed.then((ok) =>
        ok
          ? recordSendWindow(performance.now() - acceptedAt)
          : deps.recorder.record(m, sid, acceptedAt, line),
      )
    : deps.recorder.record(m, sid, acceptedAt, line);
  // Sent once recorded; the caller may send the next text meanwhile (run-worker.ts).
  return { recorded };

  async function fail(status: 'failed' | 'cancelled' | 'held', reason: string): Promise<Outcome> {
    await markOutcome(db, m, status, reason, deps.now());
    return status;
  }
}

/** The status the provider lists for a text found after a crash, as its callback would give it. */
async function applyFoundStatus(
  deps: TextDeps,
  m: Message,
  sid: string,
  found: { status: string; errorCode: string | null },
): Promise<void> {
  if (!['sent', 'delivered', 'undelivered', 'failed'].includes(found.status)) return;
  try {
    await deps.db.transaction().execute((trx) =>
      recordTextStatus(
        trx,
        // The provider's word, as its status callback carries it (sms-webhooks.ts).
        { orgId: m.org_id, actor: { type: 'customer', id: 0 }, userId: null, locationIds: [m.location_id] },
        { locationId: m.location_id, providerSid: sid, status: found.status, errorCode: found.errorCode },
        deps.now(),
      ),
    );
  } catch (err) {
    // Recorded as sent already; a later callback or staff see the rest.
    deps.log?.(
      `text ${m.org_id}/${m.id}: its status at the provider (${found.status}) was not recorded: ${(err as Error).message}`,
    );
  }
}
