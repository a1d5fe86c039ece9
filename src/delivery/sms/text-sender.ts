// One way to send a text: the location's provider when it has one switched on, otherwise the
// local catcher (caught_texts, shown at /texts like /mailbox shows caught mail). In production a
// location without a provider sends nothing: its texts are held (no_sms_provider).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { countSegments } from '../../domain/sms/segments.ts';
import type { TextRecordAs } from './http-thread.ts';
import { HttpThreadTransport } from './http-thread-transport.ts';
import { sendText, SmsProviderError, type OutgoingText, type SmsProviderSettings } from './provider.ts';

export interface TextSender {
  send(
    where: { orgId: number; locationId: number; messageId: number | null },
    provider: SmsProviderSettings | null,
    text: OutgoingText,
    /** What to record once accepted, for a sender that records itself (`recordUrl`). */
    record?: TextRecordAs,
  ): Promise<{ sid: string; status: string; acceptedAt?: number; committed?: Promise<boolean> }>;
  close?(): void;
}

/**
 * `thread`: POST to the provider from a thread of its own (http-thread.ts), for the send worker,
 * whose main thread claims, renders and records meanwhile. `recordUrl` (with `thread`, on
 * PostgreSQL): the thread records "sent" and the conversation's line itself, the moment the
 * provider accepts (the send worker's processes).
 */
export function createTextSender(
  db: Kysely<DB>,
  opts: { production: boolean; thread?: boolean; recordUrl?: string },
): TextSender {
  const thread = opts.thread ? new HttpThreadTransport(opts.recordUrl) : null;
  return {
    close: () => thread?.close(),
    async send(where, provider, text, record) {
      if (provider) return thread ? thread.send(provider, text, record) : sendText(provider, text);
      if (opts.production)
        throw new SmsProviderError(
          'no_sms_provider: the location has no text provider set',
          'no_sms_provider',
          true,
        );
      const seg = countSegments(text.body);
      const row = await db
        .insertInto('caught_texts')
        .values({
          org_id: where.orgId,
          location_id: where.locationId,
          message_id: where.messageId,
          to_number: text.to,
          body: text.body,
          encoding: seg.encoding,
          segments: seg.segments,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { sid: `caught-${where.orgId}-${row.id}`, status: 'delivered' };
    },
  };
}
