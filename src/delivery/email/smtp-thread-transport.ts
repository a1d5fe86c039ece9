// Sends through two threads: the compose thread builds (and signs) each message, then hands it
// to the SMTP thread, which talks to the server and records "sent" (compose-thread.ts,
// smtp-thread.ts). Each message is handed over by postMessage and its answer comes back from
// either thread, with nodemailer's error code and SMTP response code, so the worker's retry rules
// do not change. The threads hold the process open only while sends are under way. If either
// dies, every send in flight fails with a temporary error (retried later).
import { MessageChannel, Worker } from 'node:worker_threads';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { SendResult } from './send-result.ts';
import type { ComposeOptions, ToCompose } from './compose-thread.ts';
import type { FromThread, RecordAs, ThreadOptions, ToThread } from './smtp-thread.ts';

const stopped = (why: string) =>
  Object.assign(new Error(`the SMTP thread stopped: ${why}`), { code: 'ETHREAD' });

interface Waiting {
  resolve: (r: SendResult) => void;
  reject: (e: Error) => void;
}

export class SmtpThreadTransport {
  readonly #smtp: Worker;
  readonly #compose: Worker;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  #dead: Error | null = null;

  /**
   * `options` without `dkim`: DKIM signs where the message is built (`dkim`). `recordUrl`:
   * PostgreSQL, where the SMTP thread records "sent" itself (smtp-thread.ts).
   */
  constructor(options: SMTPPool.Options, recordUrl?: string, dkim?: Mail.Options['dkim']) {
    const { port1, port2 } = new MessageChannel();
    this.#smtp = new Worker(new URL('./smtp-thread.ts', import.meta.url), {
      workerData: {
        smtp: { ...options, dkim: undefined },
        compose: port2,
        recordUrl,
      } satisfies ThreadOptions,
      transferList: [port2],
    });
    this.#compose = new Worker(new URL('./compose-thread.ts', import.meta.url), {
      workerData: { smtp: port1, dkim } satisfies ComposeOptions,
      transferList: [port1],
    });
    const answer = (msg: FromThread) => {
      if (msg.type === 'closed') {
        void this.#compose.terminate();
        return void this.#smtp.terminate();
      }
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
    };
    const die = (err: Error) => {
      if (this.#dead) return;
      this.#dead = err;
      for (const [id, w] of this.#waiting) {
        this.#settled(id);
        w.reject(stopped(err.message));
      }
    };
    for (const worker of [this.#smtp, this.#compose]) {
      worker.unref();
      worker.on('message', answer);
      worker.on('error', die);
      worker.on('exit', (code) => die(new Error(`exit code ${code}`)));
    }
  }

  send(mail: Mail.Options, record?: RecordAs): Promise<SendResult> {
    if (this.#dead) return Promise.reject(stopped(this.#dead.message));
    const id = this.#nextId++;
    return new Promise<SendResult>((resolve, reject) => {
      if (this.#waiting.size === 0) for (const w of [this.#smtp, this.#compose]) w.ref();
      this.#waiting.set(id, { resolve, reject });
      try {
        this.#compose.postMessage({ type: 'send', id, mail, record } satisfies ToCompose);
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
    if (this.#waiting.size === 0) for (const w of [this.#smtp, this.#compose]) w.unref();
  }

  /** Closes the pool, then both threads end (on the SMTP thread's 'closed' answer). */
  close(): void {
    if (this.#dead) return;
    this.#smtp.postMessage({ type: 'close' } satisfies ToThread);
  }
}
