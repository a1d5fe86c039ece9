// Delivery status notifications (RFC 3464, multipart/report; report-type=delivery-status):
// who bounced, with which status, and which of our messages it was about.
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

export function parseDsn(raw: string): Bounce[] {
  const text = raw.replace(/\r\n/g, '\n');
  if (!/multipart\/report/i.test(text) || !/message\/delivery-status/i.test(text)) return [];
  // The delivery-status part: per-message fields, then one block per recipient.
  const statusPart = text.split(/\n--[^\n]+\n/).find((p) => /content-type:\s*message\/delivery-status/i.test(p)) ?? '';
  const body = statusPart.slice(statusPart.search(/\n\n/) + 2);
  const blocks = unfold(body).split(/\n\s*\n/);
  const original = /^Message-ID:\s*(<[^>\s]+>)/im.exec(text.slice(text.search(/content-type:\s*(message\/rfc822|text\/rfc822-headers)/i) + 1 || text.length));
  const out: Bounce[] = [];
  for (const block of blocks) {
    const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(block)?.[1]?.trim() ?? null;
    const recipient = field('Final-Recipient') ?? field('Original-Recipient');
    const status = field('Status');
    if (!recipient || !status) continue;
    const address = recipient.replace(/^rfc822;\s*/i, '').replace(/^<|>$/g, '').trim();
    const code = /\d\.\d{1,3}\.\d{1,3}/.exec(status)?.[0] ?? status;
    out.push({ recipient: address, status: code, hard: code.startsWith('5'), action: field('Action'), diagnostic: field('Diagnostic-Code'), messageId: original?.[1] ?? null });
  }
  return out;
}

function unfold(s: string): string {
  return s.replace(/\n[ \t]+/g, ' ');
}
