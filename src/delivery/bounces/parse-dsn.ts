// Delivery status notifications (RFC 3464, multipart/report; report-type=delivery-status; and the
// UTF-8 form of RFC 6533): who bounced, with which status, and which of our messages it was about.
// mailparser reads the MIME structure, so a status part sent base64 or quoted-printable (as many
// mail servers do) is read like a plain one.
import { simpleParser, type Attachment } from 'mailparser';

export interface Bounce {
  recipient: string;
  status: string;
  /** 5.x.x is permanent: the address is dead. */
  hard: boolean;
  action: string | null;
  diagnostic: string | null;
  /** Message-ID of the original message, when the report includes its headers. */
  messageId: string | null;
}

const STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_TYPES = new Set([
  'message/rfc822',
  'text/rfc822-headers',
  'message/global',
  'message/global-headers',
]);

export async function parseDsn(raw: string | Buffer): Promise<Bounce[]> {
  const mail = await simpleParser(raw, {
    keepDeliveryStatus: true,
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipImageLinks: true,
  });
  const type = mail.headers.get('content-type');
  const root = typeof type === 'object' && type !== null && 'value' in type ? String(type.value) : '';
  if (root.toLowerCase() !== 'multipart/report') return [];
  const part = (types: Set<string>): Attachment | undefined =>
    mail.attachments.find((a) => types.has(a.contentType.toLowerCase()));
  const status = part(STATUS_TYPES);
  if (!status) return [];
  const original = part(ORIGINAL_TYPES);
  const originalHeaders = original ? unfold(original.content.toString('utf8').split(/\r?\n\r?\n/)[0]!) : '';
  const messageId = /^Message-ID:\s*(<[^>\s]+>)/im.exec(originalHeaders)?.[1] ?? null;
  // The status part: per-message fields, then one block of fields per recipient.
  const blocks = unfold(status.content.toString('utf8')).split(/\n\s*\n/);
  const out: Bounce[] = [];
  for (const block of blocks) {
    const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(block)?.[1]?.trim() ?? null;
    const recipient = field('Final-Recipient') ?? field('Original-Recipient');
    const code = field('Status');
    if (!recipient || !code) continue;
    const address = recipient
      .replace(/^(rfc822|utf-8);\s*/i, '')
      .replace(/^<|>$/g, '')
      .trim();
    const status = /\d\.\d{1,3}\.\d{1,3}/.exec(code)?.[0] ?? code;
    out.push({
      recipient: address,
      status,
      hard: status.startsWith('5'),
      action: field('Action'),
      diagnostic: field('Diagnostic-Code'),
      messageId,
    });
  }
  return out;
}

function unfold(s: string): string {
  return s.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
}
