// One way to send a text: the location's provider when it has one switched on, otherwise the
// local catcher (caught_texts, shown at /texts like /mailbox shows caught mail). In production a
// location without a provider sends nothing: its texts are held (no_sms_provider).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { countSegments } from '../../domain/sms/segments.ts';
import { sendText, SmsProviderError, type OutgoingText, type SmsProviderSettings } from './provider.ts';

export interface TextSender {
  send(
    where: { orgId: number; locationId: number; messageId: number | null },
    provider: SmsProviderSettings | null,
    text: OutgoingText,
  ): Promise<{ sid: string; status: string }>;
}

export function createTextSender(db: Kysely<DB>, opts: { production: boolean }): TextSender {
  return {
    async send(where, provider, text) {
      if (provider) return sendText(provider, text);
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
