// The SMTP side of the send worker, on its own thread: one pooled nodemailer transport that does
// nothing but build MIME and talk to the server. Building a message is the costliest step of a
// send (~0.8 ms of CPU each); claiming, rendering and recording stay on the main thread, so the
// two run side by side instead of taking turns. See smtp-thread-transport.ts for the other end.
// With `recordUrl` (PostgreSQL), the thread also records "sent" itself, the moment the server
// accepts (those of the same turn in one UPDATE, one in flight per SMTP connection): the window a kill -9
// doubles then no longer waits for the main thread's turn. A record that fails is left to the
// main thread (`recorded: false`).
import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import { threadRecords, type Accepted } from '../worker/thread-records.ts';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

export interface ThreadOptions {
  smtp: SMTPPool.Options;
  /** PostgreSQL URL: record "sent" on this thread. */
  recordUrl?: string;
}
/** The outbox row to record as sent once the server accepts. */
export interface RecordAs {
  orgId: number;
  id: number;
}
export type ToThread =
  { type: 'send'; id: number; mail: Mail.Options; record?: RecordAs } | { type: 'close' };
export type FromThread =
  | {
      type: 'sent';
      id: number;
      messageId: string;
      response: string;
      acceptedAt: number;
      /** Recorded as sent by this thread (committed), when asked to. */
      recorded: boolean;
    }
  | { type: 'error'; id: number; message: string; code?: string; responseCode?: number; response?: string }
  | { type: 'closed' };

const port = parentPort!;
const options = workerData as ThreadOptions;
const transport = nodemailer.createTransport(options.smtp);
// One write in flight per pooled SMTP connection: each connection has at most one accepted
// message waiting for its record at a time.
const MAX_WRITES = Math.max(2, options.smtp.maxConnections ?? 5);

interface AcceptedMail extends Accepted {
  record: RecordAs;
  providerId: string;
}
const records = options.recordUrl
  ? threadRecords<AcceptedMail>(options.recordUrl, MAX_WRITES, (batch) => ({
      text: `UPDATE messages m SET status = 'sent', sent_at = $1, provider_id = v.provider_id, reason = NULL, updated_at = $1
               FROM (VALUES ${batch.map((_, i) => `($${3 * i + 2}::bigint, $${3 * i + 3}::bigint, $${3 * i + 4}::text)`).join(', ')}) AS v(org_id, id, provider_id)
              WHERE m.org_id = v.org_id AND m.id = v.id AND m.status = 'sending'`,
      values: [new Date(), ...batch.flatMap((a) => [a.record.orgId, a.record.id, a.providerId])],
    }))
  : null;

port.on('message', (msg: ToThread) => {
  if (msg.type === 'close') {
    transport.close();
    void (records?.end() ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => port.postMessage({ type: 'closed' } satisfies FromThread));
    return;
  }
  transport.sendMail(msg.mail).then(
    (info) => {
      // When the server accepted, on a clock both threads share: the crash window starts here.
      const acceptedAt = performance.timeOrigin + performance.now();
      const post = (recorded: boolean) =>
        port.postMessage({
          type: 'sent',
          id: msg.id,
          messageId: info.messageId,
          response: info.response,
          acceptedAt,
          recorded,
        } satisfies FromThread);
      if (records && msg.record) records.push({ record: msg.record, providerId: info.messageId, post });
      else post(false);
    },
    (err: Error & { code?: string; responseCode?: number; response?: string }) =>
      port.postMessage({
        type: 'error',
        id: msg.id,
        message: err.message,
        code: err.code,
        responseCode: err.responseCode,
        response: err.response,
      } satisfies FromThread),
  );
});
