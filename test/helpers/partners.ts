// Test builders for partner exports: an AppContext with its own keys and clock, partner
// settings rows, a loopback FTP server (ftp-srv) that records what happened when, and a
// loopback HTTP server speaking the partner upload protocol of docs/partners.md.
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FtpSrv } from 'ftp-srv';
import { loadConfig } from '../../src/config/env.ts';
import type { AppContext } from '../../src/context.ts';
import type { Database } from '../../src/db/database.ts';
import type { Partner } from '../../src/partners/partners.ts';
import { deriveKeys, encryptSecret } from '../../src/security/keys.ts';
import { createLogger } from '../../src/config/logger.ts';

export function makeContext(
  database: Database,
  now = new Date('2026-11-23T08:00:00Z'),
): AppContext & { setNow(d: Date): void } {
  let current = now;
  return {
    config: loadConfig({}),
    keys: deriveKeys(randomBytes(32).toString('hex')),
    database,
    db: database.db,
    now: () => current,
    log: createLogger({ LOG_LEVEL: 'warn' }),
    setNow(d: Date) {
      current = d;
    },
  };
}

export async function setPartner(
  ctx: AppContext,
  shop: { orgId: number; locationId: number },
  partner: Partner,
  values: {
    enabled?: boolean;
    settings: Record<string, unknown>;
    password?: string;
    consentUserId?: number | null;
  },
): Promise<void> {
  const row = {
    org_id: shop.orgId,
    location_id: shop.locationId,
    partner,
    enabled: values.enabled ?? true,
    settings: JSON.stringify(values.settings),
    secret_ciphertext: values.password ? encryptSecret(ctx.keys, values.password) : null,
    consent_user_id: values.consentUserId === undefined ? 1 : values.consentUserId,
    consent_at: values.consentUserId === null ? null : new Date('2026-01-01T12:00:00Z'),
  };
  await ctx.db
    .insertInto('partner_settings')
    .values(row)
    .onConflict((oc) => oc.columns(['org_id', 'location_id', 'partner']).doUpdateSet(row))
    .execute();
}

const silentLog = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
  fatal() {},
  child() {
    return silentLog;
  },
};

export interface FtpEvent {
  event: 'STOR' | 'RNTO';
  name: string;
  /** Files in the upload folder at that moment. */
  files: string[];
}

/** A throw-away self-signed certificate for 127.0.0.1 (openssl), for explicit FTP TLS. */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'relance-cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-subj',
      '/CN=127.0.0.1',
      '-days',
      '1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return {
    key: readFileSync(join(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
  };
}

/**
 * ftp-srv on loopback with one user; `root` is the folder it serves, `events` what it saw.
 * With `tls`, it offers AUTH TLS (explicit TLS) and `logins` records whether each was secure.
 */
export async function startFtpServer(
  user = 'shop',
  password = 'ftp-pass',
  tls?: { key: string; cert: string },
) {
  const root = mkdtempSync(join(tmpdir(), 'relance-ftp-'));
  const server = new FtpSrv({
    url: 'ftp://127.0.0.1:0',
    pasv_url: '127.0.0.1',
    pasv_min: 30000,
    pasv_max: 40000,
    anonymous: false,
    log: silentLog,
    tls: tls ?? false,
  });
  const events: FtpEvent[] = [];
  const logins: Array<{ user: string; secure: boolean }> = [];
  server.on('login', ({ connection, username, password: given }, resolve, reject) => {
    logins.push({ user: username, secure: connection.secure });
    if (username !== user || given !== password) {
      reject(new Error('Login incorrect'));
      return;
    }
    const list = () => readdirSync(root, { recursive: true }).map(String).sort();
    connection.on('STOR', (_err: unknown, path: string) =>
      events.push({ event: 'STOR', name: path, files: list() }),
    );
    connection.on('RNTO', (_err: unknown, name: string) =>
      events.push({ event: 'RNTO', name, files: list() }),
    );
    resolve({ root });
  });
  await server.listen();
  const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
  return { root, port, events, logins, close: () => server.close() };
}

export interface ReceivedUpload {
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A partner endpoint: answers the queued statuses in order (then 200), checks the announced
 * checksum and length, and treats a repeated Idempotency-Key as already received.
 */
export async function startPartnerEndpoint(statuses: number[] = []) {
  const received: ReceivedUpload[] = [];
  const accepted = new Map<string, Buffer>();
  let hits = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits++;
      const body = Buffer.concat(chunks);
      received.push({ headers: req.headers, body });
      const status = statuses.shift() ?? 200;
      if (status !== 200) {
        res.writeHead(status).end(status >= 500 ? 'temporarily unavailable' : 'shop id unknown to us');
        return;
      }
      const key = String(req.headers['idempotency-key'] ?? '');
      if (
        createHash('sha256').update(body).digest('hex') !== req.headers['x-content-sha256'] ||
        body.length !== Number(req.headers['content-length'])
      ) {
        res.writeHead(400).end('checksum mismatch');
        return;
      }
      if (!accepted.has(key)) accepted.set(key, body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
  return {
    url,
    received,
    accepted,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let roSeq = 0;

/** A closed repair order with its lines (kind, description, amount). */
export async function makeRepairOrder(
  ctx: AppContext,
  shop: { orgId: number; locationId: number },
  values: {
    customerId: number | null;
    vehicleId: number | null;
    closedOn: string;
    odometer?: number;
    total?: number;
    status?: 'open' | 'closed' | 'void';
  },
  lines: Array<{ kind: 'labor' | 'part' | 'package'; description: string; amount?: number }> = [],
) {
  const ro = await ctx.db
    .insertInto('repair_orders')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      ro_number: `RO${++roSeq}`,
      customer_id: values.customerId,
      vehicle_id: values.vehicleId,
      opened_on: values.closedOn,
      closed_on: values.status === 'open' ? null : values.closedOn,
      status: values.status ?? 'closed',
      odometer: values.odometer ?? null,
      // Generated<Num> in schema.ts does not accept a number on insert: cast until it is fixed there.
      total_amount: (values.total ?? 0) as never,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (lines.length > 0) {
    await ctx.db
      .insertInto('repair_order_lines')
      .values(
        lines.map((l, i) => ({
          org_id: shop.orgId,
          repair_order_id: ro.id,
          line_no: i + 1,
          kind: l.kind,
          description: l.description,
          amount: (l.amount ?? 0) as never,
        })),
      )
      .execute();
  }
  return ro;
}

/** Parses an RFC 4180 file (as our writer makes it) into rows of fields, header first. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

/** Rows as objects keyed by the header. */
export function csvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}
