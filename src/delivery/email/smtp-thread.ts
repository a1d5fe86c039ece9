// The SMTP side of the send worker, on its own thread: one pooled nodemailer transport that does
// nothing but build MIME and talk to the server. Building a message is the costliest step of a
// send (~0.8 ms of CPU each); claiming, rendering and recording stay on the main thread, so the
// two run side by side instead of taking turns. See smtp-thread-transport.ts for the other end.
import { parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

export type ToThread = { type: 'send'; id: number; mail: Mail.Options } | { type: 'close' };
export type FromThread =
  | { type: 'sent'; id: number; messageId: string; response: string; acceptedAt: number }
  | { type: 'error'; id: number; message: string; code?: string; responseCode?: number; response?: string }
  | { type: 'closed' };

const port = parentPort!;
const transport = nodemailer.createTransport(workerData as SMTPPool.Options);

port.on('message', (msg: ToThread) => {
  if (msg.type === 'close') {
    transport.close();
    port.postMessage({ type: 'closed' } satisfies FromThread);
    return;
  }
  transport.sendMail(msg.mail).then(
    (info) =>
      // When the server accepted, on a clock both threads share: the crash window starts here.
      port.postMessage({
        type: 'sent',
        id: msg.id,
        messageId: info.messageId,
        response: info.response,
        acceptedAt: performance.timeOrigin + performance.now(),
      } satisfies FromThread),
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
