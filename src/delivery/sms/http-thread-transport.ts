// Sends texts through the HTTP thread (http-thread.ts), started on the first text: each POST is
// handed over by postMessage and its answer (or the provider's error, final or not) comes back the
// same way, so the worker's retry rules do not change. The thread holds the process open only while
// sends are under way. If it dies, every send in flight fails as temporary (retried later).
// With `recordUrl` (PostgreSQL), the thread records "sent" and the conversation's line itself.
import { Worker } from 'node:worker_threads';
import { SmsProviderError, type OutgoingText, type SmsProviderSettings } from './provider.ts';
import type { FromHttpThread, HttpThreadOptions, TextRecordAs, ToHttpThread } from './http-thread.ts';

export interface ThreadSent {
  sid: string;
  status: string;
  acceptedAt: number;
  /** "sent" and the conversation's line committed by the thread. */
  recorded: boolean;
}

interface Waiting {
  resolve: (r: ThreadSent) => void;
  reject: (e: Error) => void;
}

const stopped = (why: string) =>
  new SmsProviderError(`the HTTP thread stopped: ${why}`, 'unreachable', false);

export class HttpThreadTransport {
  #worker: Worker | null = null;
  readonly #waiting = new Map<number, Waiting>();
  #nextId = 1;
  #dead: Error | null = null;
  readonly #recordUrl: string | undefined;

  /** `recordUrl`: PostgreSQL, where the thread records "sent" itself (http-thread.ts). */
  constructor(recordUrl?: string) {
    this.#recordUrl = recordUrl;
  }

  /** The thread records what it is asked to. */
  get records(): boolean {
    return this.#recordUrl !== undefined;
  }

  #start(): Worker {
    const worker = new Worker(new URL('./http-thread.ts', import.meta.url), {
      workerData: { recordUrl: this.#recordUrl } satisfies HttpThreadOptions,
    });
    worker.unref();
    worker.on('message', (msg: FromHttpThread) => {
      if (msg.type === 'closed') return void worker.terminate();
      const w = this.#waiting.get(msg.id);
      if (!w) return;
      this.#settled(msg.id);
      if (msg.type === 'sent')
        w.resolve({
          sid: msg.sid,
          status: msg.status,
          acceptedAt: msg.acceptedAt - performance.timeOrigin,
          recorded: msg.recorded,
        });
      else w.reject(new SmsProviderError(msg.message, msg.code, msg.final));
    });
    const die = (err: Error) => {
      this.#dead = err;
      for (const [id, w] of this.#waiting) {
        this.#settled(id);
        w.reject(stopped(err.message));
      }
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`exit code ${code}`)));
    return worker;
  }

  send(s: SmsProviderSettings, text: OutgoingText, record?: TextRecordAs): Promise<ThreadSent> {
    if (this.#dead) return Promise.reject(stopped(this.#dead.message));
    this.#worker ??= this.#start();
    const worker = this.#worker;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#waiting.size === 0) worker.ref();
      this.#waiting.set(id, { resolve, reject });
      worker.postMessage({
        type: 'send',
        id,
        provider: {
          apiBaseUrl: s.apiBaseUrl,
          accountSid: s.accountSid,
          authToken: s.authToken.reveal(),
          fromNumber: s.fromNumber,
          messagingServiceSid: s.messagingServiceSid,
        },
        text,
        record: this.#recordUrl ? record : undefined,
      } satisfies ToHttpThread);
    });
  }

  #settled(id: number): void {
    this.#waiting.delete(id);
    if (this.#waiting.size === 0) this.#worker?.unref();
  }

  /** The thread ends itself once its answers are out (on its 'closed'). */
  close(): void {
    if (this.#dead || !this.#worker) return;
    this.#worker.postMessage({ type: 'close' } satisfies ToHttpThread);
  }
}
