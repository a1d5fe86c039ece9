// A rendered message becomes a nodemailer message: per-location sender (DMARC-aligned, see
// sender-alignment.ts), stable Message-ID,
// RFC 8058 one-click unsubscribe headers, and a calendar invitation on E04/E05.
import type Mail from 'nodemailer/lib/mailer';
import type { Location, Message } from '../../db/schema.ts';
import type { MessagePayload } from '../../domain/messages/payload.ts';
import { t } from '../../i18n/delivery-strings.ts';
import type { Rendered } from '../templates/compile.ts';
import { buildIcs } from './ics.ts';
import { senderFor } from './sender-alignment.ts';

export interface SenderConfig {
  MAIL_FROM: string;
  BOUNCE_ADDRESS?: string;
  DKIM_DOMAIN?: string;
}

export interface EmailInput {
  message: Pick<Message, 'org_id' | 'id' | 'kind' | 'payload' | 'appointment_id'> &
    Partial<Pick<Message, 'language'>>;
  location: Location;
  rendered: Rendered;
  to: { name: string; address: string };
  /** The visible unsubscribe link, also put in List-Unsubscribe (customer messages only). */
  unsubscribeUrl: string | null;
  now: Date;
}

export function mailDomain(config: SenderConfig): string {
  return config.DKIM_DOMAIN ?? config.MAIL_FROM.split('@')[1] ?? 'localhost';
}

/** The same message always gets the same Message-ID: a resend after a crash is recognisable. */
export function stableMessageId(orgId: number, id: number, config: SenderConfig): string {
  return `<relance.${orgId}.${id}@${mailDomain(config)}>`;
}

export function buildEmail(input: EmailInput, config: SenderConfig): Mail.Options {
  const { message, location, rendered } = input;
  // From aligns with our DKIM domain or envelope for DMARC; else Reply-To carries the shop.
  const sender = senderFor(location, config);
  const fromAddress = sender.replyTo;
  const mail: Mail.Options = {
    from: sender.from,
    replyTo: sender.replyTo,
    to: input.to,
    envelope: { from: config.BOUNCE_ADDRESS ?? config.MAIL_FROM, to: [input.to.address] },
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    messageId: stableMessageId(message.org_id, message.id, config),
    date: input.now,
    headers: {
      'X-Relance-Message': `${message.org_id}-${message.id}`,
      'X-Relance-Kind': message.kind,
      ...(input.unsubscribeUrl
        ? {
            'List-Unsubscribe': `<${input.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          }
        : { 'Auto-Submitted': 'auto-generated' }),
    },
  };
  const appt = (message.payload as MessagePayload).appointment;
  if ((message.kind === 'E04' || message.kind === 'E05') && appt) {
    const method = (message.payload as MessagePayload).appointment_cancelled ? 'CANCEL' : 'REQUEST';
    const ics = buildIcs({
      method,
      uid: `appointment-${message.org_id}-${appt.id}@${mailDomain(config)}`,
      // Later messages about one appointment have higher ids: calendars keep the newest.
      sequence: message.id,
      start: new Date(appt.starts_at),
      end: new Date(appt.ends_at),
      timeZone: location.time_zone,
      // The calendar entry's title is read in the customer's calendar: their language.
      summary: t(
        message.language ?? location.language,
        appt.service ? 'ics_summary_service' : 'ics_summary',
        { business: location.business_name ?? location.name, service: appt.service ?? '' },
      ),
      description: rendered.text.split('\n').slice(0, 12).join('\n'),
      location: [
        location.business_name ?? location.name,
        location.address_line1,
        location.city,
        location.region,
        location.postal_code,
      ]
        .filter(Boolean)
        .join(', '),
      organizer: { name: location.business_name ?? location.name, email: fromAddress },
      attendee: { name: input.to.name, email: input.to.address },
      now: input.now,
    });
    mail.icalEvent = {
      method,
      filename: method === 'CANCEL' ? 'cancellation.ics' : 'invitation.ics',
      content: ics,
    };
  }
  return mail;
}
