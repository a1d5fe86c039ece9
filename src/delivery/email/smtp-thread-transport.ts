// Sends through the SMTP thread (smtp-thread.ts): each message is handed over by postMessage and
// its answer comes back the same way, with nodemailer's error code and SMTP response code, so the
// worker's retry rules do not change. The thread holds the process open only while sends are
// under way. If it dies, every send in flight fails with a temporary error (retried later).
import { Worker } from 'node:worker_threads';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { SendResult } from './send-result.ts';
import type { FromThread, RecordAs, ThreadOptions, ToThread } from './smtp-thread.ts';

const stopped = (why: string) =>
  Object.assign(new Error(`the SMTP thread stopped: ${why}`), { code: 'ETHREAD' });

interface Waiting {
  resolve: (r: SendResult) => void;
  reject: (e: Error) => void;
}

export class SmtpThreadTransport {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  #dead: Error | null = null;

  /** `recordUrl`: PostgreSQL, where the thread records "sent" itself (smtp-thread.ts). */
  constructor(options: SMTPPool.Options, recordUrl?: string) {
    this.#worker = new Worker(new URL('./smtp-thread.ts', import.meta.url), {
      workerData: { smtp: options, recordUrl } satisfies ThreadOptions,
    });
    this.#worker.unref();
    this.#worker.on('message', (msg: FromThread) => {
      if (msg.type === 'closed') return void this.#worker.terminate();
      const w = this.#waiting.get(msg.id);
      if (!w) return;
      this.#settled(msg.id);
      if (msg.type === 'sent')
        w.resolve({
          messageId: msg.messageId,
          response: msg.response,
          acceptedAt: msg.acceptedAt - performance.timeOrigin,
          recorded: msg.recorded,
        });
      else
        w.reject(
          Object.assign(new Error(msg.message), {
            code: msg.code,
            responseCode: msg.responseCode,
            response: msg.response,
          }),
        );
    });
    const die = (err: Error) => {
      this.#dead = err;
      for (const [id, w] of this.#waiting) {
        this.#settled(id);
        w.reject(stopped(err.message));
      }
    };
    this.#worker.on('error', die);
    this.#worker.on('exit', (code) => die(new Error(`exit code ${code}`)));
  }

  send(mail: Mail.Options, record?: RecordAs): Promise<SendResult> {
    if (this.#dead) return Promise.reject(stopped(this.#dead.message));
    const id = this.#nextId++;
    return new Promise<SendResult>((resolve, reject) => {
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, { resolve, reject });
      try {
        this.#worker.postMessage({ type: 'send', id, mail, record } satisfies ToThread);
      } catch (err) {
        // A message that cannot be copied to the thread (a stream attachment, say): never sendable.
        this.#settled(id);
        reject(
          Object.assign(
            new Error(`could not hand the message to the SMTP thread: ${(err as Error).message}`),
            { responseCode: 554 },
          ),
        );
      }
    });
  }

  #settled(id: number): void {
    this.#waiting.delete(id);
    if (this.#waiting.size === 0) this.#worker.unref();
  }

  /** Closes the pool, then the thread ends itself (on its 'closed' answer). */
  close(): void {
    if (this.#dead) return;
    this.#worker.postMessage({ type: 'close' } satisfies ToThread);
  }
}
