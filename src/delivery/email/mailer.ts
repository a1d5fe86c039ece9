// One way to send mail: pooled SMTP when SMTP_URL is set, otherwise the local mail catcher
// (the message is built exactly as for SMTP, then stored in caught_mail and shown at /mailbox).
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { Kysely } from 'kysely';
import type { Config } from '../../config/env.ts';
import type { DB } from '../../db/schema.ts';
import { SmtpThreadTransport } from './smtp-thread-transport.ts';
import type { SendResult } from './send-result.ts';

export type { SendResult };

export interface Mailer {
  kind: 'smtp' | 'catcher';
  /** `messageRowId`: the outbox row, which the SMTP thread records as sent if it records. */
  send(mail: Mail.Options, orgId?: number, locationId?: number, messageRowId?: number): Promise<SendResult>;
  close(): void;
}

// RFC 8058: the one-click headers must be covered by the DKIM signature.
export const DKIM_HEADER_FIELDS =
  'From:Sender:Reply-To:Subject:Date:Message-ID:To:Cc:MIME-Version:Content-Type:Content-Transfer-Encoding:List-Unsubscribe:List-Unsubscribe-Post';

export type MailerConfig = Pick<
  Config,
  'SMTP_URL' | 'SMTP_POOL_SIZE' | 'DKIM_DOMAIN' | 'DKIM_SELECTOR' | 'DKIM_PRIVATE_KEY_FILE'
> & { dkimPrivateKey?: string };

function dkimOptions(c: MailerConfig) {
  if (!c.DKIM_DOMAIN || !c.DKIM_SELECTOR || !(c.DKIM_PRIVATE_KEY_FILE || c.dkimPrivateKey)) return undefined;
  return {
    domainName: c.DKIM_DOMAIN,
    keySelector: c.DKIM_SELECTOR,
    privateKey: c.dkimPrivateKey ?? readFileSync(c.DKIM_PRIVATE_KEY_FILE!, 'utf8'),
    headerFieldNames: DKIM_HEADER_FIELDS,
  };
}

export interface MailerOptions {
  /**
   * Build and send on a thread of its own (smtp-thread.ts): for the send worker, whose main
   * thread claims, renders and records meanwhile. A single mail (password reset) does not need it.
   */
  thread?: boolean;
  /**
   * With `thread`, on PostgreSQL: the thread records each message as sent itself, the moment the
   * server accepts (the send worker's processes; smtp-thread.ts).
   */
  recordUrl?: string;
}

export function createMailer(config: MailerConfig, db: Kysely<DB>, options: MailerOptions = {}): Mailer {
  const dkim = dkimOptions(config);
  if (config.SMTP_URL) {
    const url = new URL(config.SMTP_URL);
    const smtp: SMTPPool.Options = {
      pool: true,
      maxConnections: config.SMTP_POOL_SIZE,
      maxMessages: Infinity,
      host: url.hostname,
      port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      tls: { rejectUnauthorized: url.searchParams.get('tls_reject_unauthorized') !== 'false' },
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    };
    if (options.thread) {
      const thread = new SmtpThreadTransport(smtp, options.recordUrl, dkim);
      return {
        kind: 'smtp',
        send: (mail, orgId, _locationId, messageRowId) =>
          thread.send(
            mail,
            options.recordUrl && orgId !== undefined && messageRowId !== undefined
              ? { orgId, id: messageRowId }
              : undefined,
          ),
        close: () => thread.close(),
      };
    }
    const transport = nodemailer.createTransport({ ...smtp, ...(dkim ? { dkim } : {}) });
    return {
      kind: 'smtp',
      async send(mail) {
        const info = await transport.sendMail(mail);
        return { messageId: info.messageId, response: info.response };
      },
      close: () => transport.close(),
    };
  }
  const stream = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'windows',
    ...(dkim ? { dkim } : {}),
  });
  return {
    kind: 'catcher',
    async send(mail, orgId, locationId) {
      const info = await stream.sendMail(mail);
      const raw = (info.message as Buffer).toString('utf8');
      const env = info.envelope as { from: string | false; to: string[] };
      await db
        .insertInto('caught_mail')
        .values({
          org_id: orgId ?? 0,
          location_id: locationId ?? null,
          message_id: info.messageId,
          envelope_from: env.from || '',
          envelope_to: env.to,
          subject: String(mail.subject ?? ''),
          raw,
          html: typeof mail.html === 'string' ? mail.html : null,
          text: typeof mail.text === 'string' ? mail.text : null,
        })
        .execute();
      return { messageId: info.messageId, response: '250 caught locally' };
    },
    close: () => stream.close(),
  };
}
