// The MIME side of the send worker, on a thread of its own at a lower CPU priority: it builds each
// message (and signs it with DKIM) with nodemailer's stream transport, then hands the finished
// bytes to the SMTP thread over their own channel. Building is the costliest step of a send (~0.55
// ms of CPU per message here); done on the SMTP thread it kept that thread ~90 % busy, and the
// server's "250 accepted" waited behind it before "sent" could be recorded: the window a kill -9
// doubles (docs/delivery.md). A message that cannot be built is answered from here, with
// nodemailer's error code as the SMTP transport would give it.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { lowerThreadPriority } from '../worker/thread-priority.ts';
import type { RecordAs, ToSmtp } from './smtp-thread.ts';
import { errorAnswer, type NodemailerError } from './thread-error.ts';

export interface ComposeOptions {
  /** The channel to the SMTP thread. */
  smtp: MessagePort;
  dkim?: Mail.Options['dkim'];
}
export type ToCompose = { type: 'send'; id: number; mail: Mail.Options; record?: RecordAs };

const port = parentPort!;
const options = workerData as ComposeOptions;
lowerThreadPriority();
const composer = nodemailer.createTransport({
  streamTransport: true,
  buffer: true,
  newline: 'windows',
  ...(options.dkim ? { dkim: options.dkim } : {}),
});

port.on('message', (msg: ToCompose) => {
  composer.sendMail(msg.mail).then(
    (info) =>
      options.smtp.postMessage({
        type: 'send',
        id: msg.id,
        envelope: info.envelope as { from: string; to: string[] },
        raw: info.message as Buffer,
        messageId: info.messageId,
        record: msg.record,
      } satisfies ToSmtp),
    (err: NodemailerError) => port.postMessage(errorAnswer(msg.id, err)),
  );
});
