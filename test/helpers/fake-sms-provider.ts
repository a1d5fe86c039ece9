// A local fake of a Twilio-compatible SMS provider, on loopback: it speaks the real API's requests
// (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, form encoded, HTTP Basic auth, JSON
// answers and error codes) and sends the real callbacks (status callbacks and incoming texts,
// form encoded and signed with X-Twilio-Signature as Twilio signs them).
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
}

export async function startFakeSmsProvider(options: FakeSmsOptions = {}): Promise<FakeSmsProvider> {
  const accountSid = options.accountSid ?? `AC${randomBytes(16).toString('hex')}`;
  const authToken = options.authToken ?? randomBytes(16).toString('hex');
  const received: FakeText[] = [];
  let accepted = 0;
  let failures = { left: 0, status: 0, code: 0 };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const body = await readBody(req);
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m)
        return json(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      const auth = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      if (auth !== `${accountSid}:${authToken}` || m[1] !== accountSid)
        return json(401, { code: 20003, message: 'Authenticate', status: 401 });
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
      };
      accepted++;
      if (options.keep !== false) received.push(text);
      options.onText?.(text);
      return json(201, {
        sid: text.sid,
        account_sid: accountSid,
        to,
        from: text.from,
        messaging_service_sid: text.messagingServiceSid,
        body: text.body,
        status: 'queued',
        num_segments: '1',
        api_version: '2010-04-01',
      });
    })();
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
    status(text, status, deliver, errorCode) {
      if (!text.statusCallback) throw new Error('the text had no StatusCallback');
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
