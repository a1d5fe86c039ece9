// The HTTP side of the send worker's texts, on its own thread (like the SMTP thread,
// email/smtp-thread.ts): each POST to the provider (building the request, TLS, reading the JSON
// answer: most of a text's CPU in the worker) runs here, while the main thread claims, renders and
// records beside it. See http-thread-transport.ts for the other end.
import { parentPort } from 'node:worker_threads';
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
export type ToHttpThread =
  { type: 'send'; id: number; provider: ThreadProvider; text: OutgoingText } | { type: 'close' };
export type FromHttpThread =
  | { type: 'sent'; id: number; sid: string; status: string; acceptedAt: number }
  | { type: 'error'; id: number; message: string; code: string; final: boolean }
  | { type: 'closed' };

const port = parentPort!;
port.on('message', (msg: ToHttpThread) => {
  if (msg.type === 'close') return port.postMessage({ type: 'closed' } satisfies FromHttpThread);
  sendText({ ...msg.provider, authToken: new Secret(msg.provider.authToken) }, msg.text).then(
    (r) =>
      port.postMessage({
        type: 'sent',
        id: msg.id,
        sid: r.sid,
        status: r.status,
        // When the provider answered, on a clock both threads share: the crash window starts here.
        acceptedAt: performance.timeOrigin + performance.now(),
      } satisfies FromHttpThread),
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
