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

/** A message the provider holds, as its List Messages answer gives it (the fields read here). */
export interface ListedText {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  status: string;
  /** error_code: why a failed or undelivered text was not delivered. */
  errorCode: string | null;
  direction: string | null;
  /** date_created (RFC 2822 in the answer). */
  createdAt: Date;
}

/**
 * The account's messages to a number, newest first, created at or after `since`: GET
 * {base}/2010-04-01/Accounts/{sid}/Messages.json?To=…&PageSize=…, following next_page_uri until a
 * message older than `since` (or `maxPages` pages). Throws SmsProviderError as sendText does
 * (final: 4xx but 429; an answer that is not a list counts as final too).
 */
export async function listTextsTo(
  s: SmsProviderSettings,
  to: string,
  since: Date,
  opts: { pageSize?: number; maxPages?: number } = {},
): Promise<ListedText[]> {
  const base = s.apiBaseUrl.replace(/\/+$/, '');
  const query = new URLSearchParams({ To: to, PageSize: String(opts.pageSize ?? 50) });
  let path: string | null =
    `/2010-04-01/Accounts/${encodeURIComponent(s.accountSid)}/Messages.json?${query.toString()}`;
  const found: ListedText[] = [];
  for (let page = 0; path && page < (opts.maxPages ?? 4); page++) {
    let res: Response;
    try {
      res = await fetch(base + path, {
        headers: {
          authorization: `Basic ${Buffer.from(`${s.accountSid}:${s.authToken.reveal()}`).toString('base64')}`,
          accept: 'application/json',
        },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new SmsProviderError(`provider unreachable: ${(err as Error).message}`, 'unreachable', false);
    }
    const answer = (await res.json().catch(() => ({}))) as {
      messages?: Array<Record<string, unknown>>;
      next_page_uri?: string | null;
      code?: number;
      message?: string;
    };
    if (!res.ok || !Array.isArray(answer.messages)) {
      const final = res.ok || (res.status >= 400 && res.status < 500 && res.status !== 429);
      throw new SmsProviderError(
        `provider answered ${res.status} to the list of messages${answer.code ? ` (${answer.code})` : ''}: ${answer.message ?? 'no list'}`,
        String(answer.code ?? res.status),
        final,
      );
    }
    let older = false;
    for (const m of answer.messages) {
      const createdAt = new Date(String(m.date_created ?? ''));
      if (Number.isNaN(createdAt.getTime())) continue;
      if (createdAt < since) {
        older = true;
        continue;
      }
      found.push({
        sid: String(m.sid ?? ''),
        to: String(m.to ?? ''),
        from: typeof m.from === 'string' ? m.from : null,
        messagingServiceSid: typeof m.messaging_service_sid === 'string' ? m.messaging_service_sid : null,
        body: String(m.body ?? ''),
        status: String(m.status ?? ''),
        errorCode: m.error_code === null || m.error_code === undefined ? null : String(m.error_code),
        direction: typeof m.direction === 'string' ? m.direction : null,
        createdAt,
      });
    }
    // Newest first: past a message older than `since`, the next pages are older still.
    path = older ? null : (answer.next_page_uri ?? null);
  }
  return found;
}
