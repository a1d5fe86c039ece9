// A local fake of a Twilio-compatible SMS provider, on loopback: it speaks the real API's requests
// (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form encoded, HTTP Basic auth, JSON
// answers and error codes; GET of the same path lists the account's messages newest first, with
// the To and From filters and the real answer's paging fields) and sends the real callbacks
// (status callbacks and incoming texts, form encoded and signed with X-Twilio-Signature as Twilio
// signs them).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { twilioSignature } from '../../src/delivery/sms/signature.ts';

export interface FakeText {
  sid: string;
  accountSid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  /** The provider's clock when it accepted the text (date_created). */
  createdAt: Date;
  status: string;
  /** Set with a failed or undelivered status (error_code in the API's answers). */
  errorCode?: string | null;
}

export interface FakeSmsProvider {
  url: string;
  accountSid: string;
  authToken: string;
  received: FakeText[];
  /** Texts accepted so far (as `received.length`, also when `keep: false`). */
  accepted(): number;
  /** Close the port and cut every open connection (the provider down: connections refused). */
  down(): Promise<void>;
  /** Listen again on the same port. */
  up(): Promise<void>;
  /** Answer the next n sends with this HTTP status (503: an outage; 400: a refusal). */
  failNext(n: number, status: number, code?: number): void;
  /** Answer the next n lists of messages (GET) with this HTTP status. */
  failNextLists(n: number, status: number): void;
  /** Lists of messages asked for so far (GET …/Messages.json). */
  lists(): number;
  /** POST a signed status callback for a text to its StatusCallback URL, through `deliver`. */
  status<R>(
    text: FakeText,
    status: string,
    deliver: (url: string, init: RequestInit) => Promise<R>,
    errorCode?: string,
  ): Promise<R>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export interface FakeSmsOptions {
  accountSid?: string;
  authToken?: string;
  port?: number;
  /** Keep every accepted text in `received` (default true; the benchmarks count only). */
  keep?: boolean;
  /** Called for each accepted text, as it is accepted. */
  onText?: (text: FakeText) => void;
  /** The provider's clock (date_created); default the real one. */
  now?: () => Date;
  /** Answer each accepted text this long after it arrived, as a provider across the network does
   * (the benchmark's TEXT_PROVIDER_LATENCY_MS); default 0, at once. */
  latencyMs?: number;
}

/** Twilio's date format in its JSON (RFC 2822): "Thu, 24 Aug 2023 05:01:45 +0000". */
const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

const resource = (t: FakeText) => ({
  sid: t.sid,
  account_sid: t.accountSid,
  to: t.to,
  from: t.from,
  messaging_service_sid: t.messagingServiceSid,
  body: t.body,
  status: t.status,
  direction: 'outbound-api',
  num_segments: '1',
  num_media: '0',
  date_created: rfc2822(t.createdAt),
  date_updated: rfc2822(t.createdAt),
  date_sent: null,
  error_code: t.errorCode ? Number(t.errorCode) : null,
  error_message: null,
  price: null,
  price_unit: 'USD',
  api_version: '2010-04-01',
  uri: `/2010-04-01/Accounts/${t.accountSid}/Messages/${t.sid}.json`,
});

export async function startFakeSmsProvider(options: FakeSmsOptions = {}): Promise<FakeSmsProvider> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const received: FakeText[] = [];
  // Every accepted text by number, oldest first, for the list of messages (kept also when
  // `keep: false`: the kill drill's workers ask for them).
  const byNumber = new Map<string, FakeText[]>();
  const clock = options.now ?? (() => new Date());
  let accepted = 0;
  let lists = 0;
  let failures = { left: 0, status: 0, code: 0 };
  let listFailures = { left: 0, status: 0 };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req);
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const url = new URL(req.url ?? '/', 'http://fake');
      const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
      if ((req.method !== 'POST' && req.method !== 'GET') || !m)
        return json(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      if (auth !== `${accountSid}:${authToken}` || m[1] !== accountSid)
        return json(401, { code: 20003, message: 'Authenticate', status: 401 });
      if (req.method === 'GET') return list(url, json);
      if (failures.left > 0) {
        failures.left--;
        return json(failures.status, {
          code: failures.code,
          message: 'Service unavailable',
          status: failures.status,
        });
      }
      const form = new URLSearchParams(body);
      const to = form.get('To') ?? '';
      if (!/^\+[1-9]\d{6,14}$/.test(to))
        return json(400, {
          code: 21211,
          message: `The 'To' number ${to} is not a valid phone number.`,
          status: 400,
        });
      if (!form.get('Body'))
        return json(400, { code: 21602, message: 'Message body is required.', status: 400 });
      if (!form.get('From') && !form.get('MessagingServiceSid'))
        return json(400, {
          code: 21603,
          message: "A 'From' or 'MessagingServiceSid' parameter is required.",
          status: 400,
        });
      const text: FakeText = {
        sid: `SM${randomBytes(16).toString('hex')}`,
        accountSid,
        to,
        from: form.get('From'),
        messagingServiceSid: form.get('MessagingServiceSid'),
        body: form.get('Body')!,
        statusCallback: form.get('StatusCallback'),
        createdAt: clock(),
        status: 'queued',
      };
      accepted++;
      if (options.keep !== false) received.push(text);
      const mine = byNumber.get(to);
      if (mine) mine.push(text);
      else byNumber.set(to, [text]);
      options.onText?.(text);
      if (options.latencyMs) return void setTimeout(() => json(201, resource(text)), options.latencyMs);
      return json(201, resource(text));
    })();
  };
  // GET …/Messages.json: the account's messages newest first, filtered by To and From, paged as
  // Twilio pages (PageSize up to 1,000, default 50; Page and PageToken; next_page_uri or null).
  const list = (url: URL, json: (status: number, value: unknown) => void) => {
    lists++;
    if (listFailures.left > 0) {
      listFailures.left--;
      return json(listFailures.status, {
        code: listFailures.status === 503 ? 20503 : 20500,
        message: 'Service unavailable',
        status: listFailures.status,
      });
    }
    const q = url.searchParams;
    const to = q.get('To');
    const from = q.get('From');
    const pageSize = Math.min(1000, Math.max(1, Number(q.get('PageSize') ?? 50) || 50));
    const page = Math.max(0, Number(q.get('Page') ?? 0) || 0);
    const all = to ? (byNumber.get(to) ?? []) : [...byNumber.values()].flat();
    const matching = all
      .filter((t) => !from || t.from === from)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const start = page * pageSize;
    const messages = matching.slice(start, start + pageSize);
    const path = url.pathname;
    const uri = (p: number, token?: string) => {
      const params = new URLSearchParams();
      if (to) params.set('To', to);
      if (from) params.set('From', from);
      params.set('PageSize', String(pageSize));
      params.set('Page', String(p));
      if (token) params.set('PageToken', token);
      return `${path}?${params.toString()}`;
    };
    return json(200, {
      messages: messages.map(resource),
      end: start + Math.max(0, messages.length - 1),
      first_page_uri: uri(0),
      next_page_uri: start + pageSize < matching.length ? uri(page + 1, `PA${messages.at(-1)!.sid}`) : null,
      page,
      page_size: pageSize,
      previous_page_uri: page > 0 ? uri(page - 1, `PB${messages[0]?.sid ?? ''}`) : null,
      start,
      uri: `${path}?${url.searchParams.toString()}`,
    });
  };
  let server: ReturnType<typeof createServer> | null = null;
  const sockets = new Set<Socket>();
  let port = options.port ?? 0;
  const up = async () => {
    const s = createServer(handler);
    s.on('connection', (sock: Socket) => {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
    });
    await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve));
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const down = async () => {
    const s = server;
    server = null;
    if (!s) return;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    for (const sock of sockets) sock.destroy();
    await closed;
  };
  await up();
  const signed = (url: string, params: Record<string, string>): RequestInit => ({
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    received,
    accepted: () => accepted,
    down,
    up,
    failNext(n, status, code = status === 503 ? 20503 : 21610) {
      failures = { left: n, status, code };
    },
    failNextLists(n, status) {
      listFailures = { left: n, status };
    },
    lists: () => lists,
    status(text, status, deliver, errorCode) {
      if (!text.statusCallback) throw new Error('the text had no StatusCallback');
      text.status = status;
      text.errorCode = errorCode ?? null;
      const params: Record<string, string> = {
        MessageSid: text.sid,
        SmsSid: text.sid,
        AccountSid: accountSid,
        MessageStatus: status,
        SmsStatus: status,
        To: text.to,
        From: text.from ?? '+15145550000',
        ApiVersion: '2010-04-01',
        ...(errorCode ? { ErrorCode: errorCode } : {}),
      };
      return deliver(text.statusCallback, signed(text.statusCallback, params));
    },
    close: down,
  };
}

/** The signed form an incoming text arrives with (POST to the number's messaging webhook). */
export function inboundText(
  provider: { accountSid: string; authToken: string },
  url: string,
  text: { from: string; to: string; body: string },
): RequestInit {
  const params = {
    MessageSid: `SM${randomBytes(16).toString('hex')}`,
    AccountSid: provider.accountSid,
    From: text.from,
    To: text.to,
    Body: text.body,
    NumMedia: '0',
    NumSegments: '1',
    ApiVersion: '2010-04-01',
  };
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(provider.authToken, url, params),
    },
    body: new URLSearchParams(params).toString(),
  };
}
