// The SMTP side of the send worker, on its own thread: one pooled nodemailer transport that only
// talks to the server. Messages arrive already built and signed from the compose thread
// (compose-thread.ts), over their own channel, so this thread stays mostly idle and reads each
// "250 accepted" as soon as it arrives. See smtp-thread-transport.ts for the main thread's end.
// With `recordUrl` (PostgreSQL), the thread also records "sent" itself, the moment the server
// accepts (those of the same turn in one UPDATE, one in flight per SMTP connection): the window a
// kill -9 doubles then waits neither for the main thread nor for the composing of other messages.
// A record that fails is left to the main thread (`recorded: false`).
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import { threadRecords, type Accepted } from '../worker/thread-records.ts';
import { errorAnswer, type ErrorAnswer, type NodemailerError } from './thread-error.ts';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

export interface ThreadOptions {
  smtp: SMTPPool.Options;
  /** The channel from the compose thread. */
  compose: MessagePort;
  /** PostgreSQL URL: record "sent" on this thread. */
  recordUrl?: string;
}
/** The outbox row to record as sent once the server accepts. */
export interface RecordAs {
  orgId: number;
  id: number;
}
/** A built message, from the compose thread. */
export interface ToSmtp {
  type: 'send';
  id: number;
  envelope: { from: string; to: string[] };
  raw: Uint8Array;
  messageId: string;
  record?: RecordAs;
}
export type ToThread = { type: 'close' };
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
  | ErrorAnswer
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
  if (msg.type !== 'close') return;
  transport.close();
  options.compose.close();
  void (records?.end() ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => port.postMessage({ type: 'closed' } satisfies FromThread));
});

options.compose.on('message', (msg: ToSmtp) => {
  const raw = Buffer.from(msg.raw.buffer, msg.raw.byteOffset, msg.raw.byteLength);
  // The Message-ID given again: with `raw`, nodemailer would otherwise report one of its own.
  transport.sendMail({ envelope: msg.envelope, raw, messageId: msg.messageId }).then(
    (info) => {
      // When the server accepted, on a clock both threads share: the crash window starts here.
      const acceptedAt = performance.timeOrigin + performance.now();
      const post = (recorded: boolean) =>
        port.postMessage({
          type: 'sent',
          id: msg.id,
          messageId: msg.messageId,
          response: info.response,
          acceptedAt,
          recorded,
        } satisfies FromThread);
      if (records && msg.record) records.push({ record: msg.record, providerId: msg.messageId, post });
      else post(false);
    },
    (err: NodemailerError) => port.postMessage(errorAnswer(msg.id, err)),
  );
});
