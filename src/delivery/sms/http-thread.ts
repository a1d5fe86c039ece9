// The HTTP side of the send worker's texts, on its own thread (like the SMTP thread,
// email/smtp-thread.ts): each POST to the provider (building the request, TLS, reading the JSON
// answer: most of a text's CPU in the worker) runs here, while the main thread claims, renders and
// records beside it. See http-thread-transport.ts for the other end.
// With `recordUrl` (PostgreSQL), the thread also records "sent" and the conversation's line itself,
// the moment the provider accepts (those of the same turn in one statement, several in flight), as
// the SMTP thread does: the window a kill -9 doubles (accepted → statement sent) then waits neither
// for the hop to the main thread nor for its turn. The acceptance is answered at once and the
// record's outcome after it ('recorded'); a record that fails is left to the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { threadRecords, type Accepted } from '../worker/thread-records.ts';
import { Secret } from '../../partners/secret.ts';
import { sendText, SmsProviderError, type OutgoingText } from './provider.ts';

export interface ThreadProvider {
  apiBaseUrl: string;
  accountSid: string;
  /** Revealed for the crossing only; wrapped in a Secret again on this side. */
  authToken: string;
  fromNumber: string | null;
  messagingServiceSid: string | null;
}
export interface HttpThreadOptions {
  /** PostgreSQL URL: record "sent" and the conversation's line on this thread. */
  recordUrl?: string;
}
/** The outbox row to record as sent once the provider accepts, and its conversation line. */
export interface TextRecordAs {
  orgId: number;
  id: number;
  locationId: number;
  /** null: a staff answer to a number that matches no customer. */
  customerId: number | null;
  phone: string;
  body: string;
}
export type ToHttpThread =
  | { type: 'send'; id: number; provider: ThreadProvider; text: OutgoingText; record?: TextRecordAs }
  | { type: 'close' };
export type FromHttpThread =
  | {
      type: 'sent';
      id: number;
      sid: string;
      status: string;
      acceptedAt: number;
      /** This thread records it: a 'recorded' message follows once the statement has settled. */
      recording: boolean;
    }
  | { type: 'recorded'; id: number; ok: boolean }
  | { type: 'error'; id: number; message: string; code: string; final: boolean }
  | { type: 'closed' };

const port = parentPort!;
const options = (workerData ?? {}) as HttpThreadOptions;
// Writes in flight at once, each on its own connection (worker/thread-records.ts).
const MAX_WRITES = 5;

interface AcceptedText extends Accepted {
  record: TextRecordAs;
  sid: string;
}
// The same statement as SentRecorder's #writeTexts: "sent", then the conversation's outgoing line
// (a staff answer's line exists since it was queued: it only gets its provider id).
const n = 7;
const records = options.recordUrl
  ? threadRecords<AcceptedText>(options.recordUrl, MAX_WRITES, (batch) => {
      const values = batch.map(
        (_, i) =>
          `($${n * i + 2}::bigint, $${n * i + 3}::bigint, $${n * i + 4}::text, $${n * i + 5}::bigint, $${n * i + 6}::bigint, $${n * i + 7}::text, $${n * i + 8}::text)`,
      );
      return {
        text: `WITH v(org_id, id, provider_id, location_id, customer_id, phone, body) AS (VALUES ${values.join(', ')}),
       u AS (
         UPDATE messages m SET status = 'sent', sent_at = $1, provider_id = v.provider_id, reason = NULL, updated_at = $1
           FROM v WHERE m.org_id = v.org_id AND m.id = v.id AND m.status = 'sending'
         RETURNING m.id),
       joined AS (
         UPDATE sms_conversation c SET provider_sid = v.provider_id
           FROM v WHERE c.org_id = v.org_id AND c.message_id = v.id AND c.direction = 'out'
         RETURNING c.message_id)
       INSERT INTO sms_conversation (org_id, location_id, customer_id, direction, phone, body, provider_sid, message_id, read_at, at)
       SELECT v.org_id, v.location_id, v.customer_id, 'out', v.phone, v.body, v.provider_id, v.id, $1::timestamptz, $1::timestamptz
         FROM v
        WHERE NOT EXISTS (SELECT 1 FROM sms_conversation c
                           WHERE c.org_id = v.org_id AND c.message_id = v.id AND c.direction = 'out')
       ON CONFLICT DO NOTHING`,
        values: [
          new Date(),
          ...batch.flatMap((a) => [
            a.record.orgId,
            a.record.id,
            a.sid,
            a.record.locationId,
            a.record.customerId,
            a.record.phone,
            a.record.body,
          ]),
        ],
      };
    })
  : null;

port.on('message', (msg: ToHttpThread) => {
  if (msg.type === 'close') {
    void (records?.end() ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => port.postMessage({ type: 'closed' } satisfies FromHttpThread));
    return;
  }
  sendText({ ...msg.provider, authToken: new Secret(msg.provider.authToken) }, msg.text).then(
    (r) => {
      // When the provider answered, on a clock both threads share: the crash window starts here.
      const acceptedAt = performance.timeOrigin + performance.now();
      // The sender hears of the acceptance at once (its lane takes the next text), and of the
      // record when it has settled: the lane does not wait for the commit.
      const recording = Boolean(records && msg.record);
      port.postMessage({
        type: 'sent',
        id: msg.id,
        sid: r.sid,
        status: r.status,
        acceptedAt,
        recording,
      } satisfies FromHttpThread);
      if (recording)
        records!.push({
          record: msg.record!,
          sid: r.sid,
          post: (ok) => port.postMessage({ type: 'recorded', id: msg.id, ok } satisfies FromHttpThread),
        });
    },
    (err: Error) =>
      port.postMessage({
        type: 'error',
        id: msg.id,
        message: err.message,
        code: err instanceof SmsProviderError ? err.code : 'unreachable',
        final: err instanceof SmsProviderError ? err.final : false,
      } satisfies FromHttpThread),
  );
});
