// Delivery test helpers: a real SMTP server on loopback that keeps what it receives (and can be
// told to refuse), an outbox-row builder, and an AppContext over a test database.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../src/config/env.ts';
import type { AppContext } from '../../src/context.ts';
import type { Database } from '../../src/db/database.ts';
import type { DB, Message } from '../../src/db/schema.ts';
import type { MessagePayload } from '../../src/domain/messages/payload.ts';
import { deriveKeys } from '../../src/security/keys.ts';
import { createLogger } from '../../src/config/logger.ts';

export interface SinkMessage {
  raw: string;
  envelopeFrom: string;
  envelopeTo: string[];
  messageId: string;
}

export interface SmtpSink {
  port: number;
  url: string;
  received: SinkMessage[];
  /** Answer the next n DATA commands with this SMTP code (e.g. 451 or 550). */
  failNext(n: number, code: number, message?: string): void;
  parse(i: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtpSink(
  options: {
    parse?: boolean;
    /** answer each message after this long (a slow server) */ delayMs?: number;
  } = {},
): Promise<SmtpSink> {
  const received: SinkMessage[] = [];
  let failures: { left: number; code: number; message: string } = { left: 0, code: 0, message: '' };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 20 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures.left > 0) {
          failures.left--;
          const err = new Error(failures.message) as Error & { responseCode: number };
          err.responseCode = failures.code;
          return callback(err);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';
        received.push({
          raw,
          messageId,
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
        });
        if (options.delayMs) setTimeout(() => callback(), options.delayMs);
        else callback();
      });
    },
  });
  void options;
  // A client killed mid-session (kill -9 tests) resets its socket: expected, not an error.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    failNext(n, code, message = 'try again later') {
      failures = { left: n, code, message };
    },
    parse: (i) => simpleParser(received[i]!.raw),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function testContext(
  database: Database,
  env: Record<string, string> = {},
  now?: () => Date,
): AppContext {
  const config = loadConfig({
    NODE_ENV: 'test',
    SECRET_KEY: 'ab'.repeat(32),
    PUBLIC_URL: 'http://relance.test',
    DEMO_DATA: 'off',
    ...env,
  });
  return {
    config,
    keys: deriveKeys('ab'.repeat(32)),
    database,
    db: database.db,
    now: now ?? (() => new Date()),
    log: createLogger({ LOG_LEVEL: 'warn' }),
  };
}

let seq = 0;

export async function makeMessage(
  db: Kysely<DB>,
  shop: { orgId: number; locationId: number },
  values: Partial<Omit<Message, 'payload'>> & { payload?: MessagePayload; kind?: string },
): Promise<Message> {
  const n = ++seq;
  const { payload, ...rest } = values;
  return db
    .insertInto('messages')
    .values({
      org_id: shop.orgId,
      location_id: shop.locationId,
      kind: 'THANK_YOU',
      channel: 'email',
      due_on: '2026-03-02',
      dedupe_key: `test-${n}-${Math.random()}`,
      ...rest,
      payload: JSON.stringify(payload ?? {}),
      next_attempt_at: rest.next_attempt_at ?? new Date(Date.now() - 1000),
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}
