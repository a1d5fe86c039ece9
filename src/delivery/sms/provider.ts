// A Twilio-compatible REST API: POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json, form
// encoded (To, From or MessagingServiceSid, Body, StatusCallback), HTTP Basic auth (account SID,
// auth token). The answer is the message resource: its sid is kept as the message's provider_id,
// the status callbacks then name it (MessageSid). Errors: 4xx with {code, message} is final (bad
// number, unsubscribed recipient: code 21610), 429 and 5xx or no answer are retried.
import type { Secret } from '../../partners/secret.ts';

export interface SmsProviderSettings {
  apiBaseUrl: string;
  accountSid: string;
  authToken: Secret;
  fromNumber: string | null;
  messagingServiceSid: string | null;
}

export interface OutgoingText {
  to: string;
  body: string;
  statusCallback: string | null;
}

export class SmsProviderError extends Error {
  readonly final: boolean;
  readonly code: string;
  constructor(message: string, code: string, final: boolean) {
    super(message);
    this.code = code;
    this.final = final;
  }
}

const TIMEOUT_MS = 15_000;

export async function sendText(
  s: SmsProviderSettings,
  text: OutgoingText,
): Promise<{ sid: string; status: string }> {
  const form = new URLSearchParams({ To: text.to, Body: text.body });
  if (s.messagingServiceSid) form.set('MessagingServiceSid', s.messagingServiceSid);
  else if (s.fromNumber) form.set('From', s.fromNumber);
  if (text.statusCallback) form.set('StatusCallback', text.statusCallback);
  const url = `${s.apiBaseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(s.accountSid)}/Messages.json`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${s.accountSid}:${s.authToken.reveal()}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new SmsProviderError(`provider unreachable: ${(err as Error).message}`, 'unreachable', false);
  }
  const answer = (await res.json().catch(() => ({}))) as {
    sid?: string;
    status?: string;
    code?: number;
    message?: string;
  };
  if (res.ok && answer.sid) return { sid: answer.sid, status: answer.status ?? 'queued' };
  const final = res.status >= 400 && res.status < 500 && res.status !== 429;
  throw new SmsProviderError(
    `provider answered ${res.status}${answer.code ? ` (${answer.code})` : ''}: ${answer.message ?? 'no message'}`,
    String(answer.code ?? res.status),
    final,
  );
}
