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
  /**
   * When the thread records (`recordUrl` and a record asked for): true once it committed "sent"
   * and the conversation's line, false if its statement failed (the caller records instead).
   */
  committed?: Promise<boolean>;
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
  /** Records the thread is writing, by send id: settled on its 'recorded' (false if it dies). */
  readonly #committing = new Map<number, (ok: boolean) => void>();
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
      if (msg.type === 'recorded') {
        this.#committing.get(msg.id)?.(msg.ok);
        this.#committing.delete(msg.id);
        return void this.#idle();
      }
      const w = this.#waiting.get(msg.id);
      if (!w) return;
      this.#waiting.delete(msg.id);
      if (msg.type === 'sent') {
        const committed = msg.recording
          ? new Promise<boolean>((resolve) => this.#committing.set(msg.id, resolve))
          : undefined;
        w.resolve({
          sid: msg.sid,
          status: msg.status,
          acceptedAt: msg.acceptedAt - performance.timeOrigin,
          committed,
        });
      } else w.reject(new SmsProviderError(msg.message, msg.code, msg.final));
      this.#idle();
    });
    const die = (err: Error) => {
      this.#dead = err;
      for (const [id, w] of this.#waiting) {
        this.#waiting.delete(id);
        w.reject(stopped(err.message));
      }
      // Whether those statements reached PostgreSQL is unknown: the caller records them again
      // (its statement only moves rows still in 'sending').
      for (const [id, settle] of this.#committing) {
        this.#committing.delete(id);
        settle(false);
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
      if (this.#waiting.size + this.#committing.size === 0) worker.ref();
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

  /** Nothing asked of the thread any more: it no longer holds the process open. */
  #idle(): void {
    if (this.#waiting.size + this.#committing.size === 0) this.#worker?.unref();
  }

  /** The thread ends itself once its answers are out (on its 'closed'). */
  close(): void {
    if (this.#dead || !this.#worker) return;
    this.#worker.postMessage({ type: 'close' } satisfies ToHttpThread);
  }
}
