// DMARC passes only when SPF (checked on the envelope sender's domain) or DKIM (the d= domain)
// aligns with the From domain; Gmail and Yahoo bulk-sender rules want both set up. At start,
// Relance warns when the envelope sender's domain (BOUNCE_ADDRESS, else MAIL_FROM) and the DKIM
// domain do not share their organizational domain (DMARC's relaxed alignment, the one rule of
// src/domain/mail-domain.ts). docs/compliance.md says what the shop must do.
import type { Config } from './env.ts';
import { domainOf, domainsAlign } from '../domain/mail-domain.ts';

export function senderAlignmentWarnings(
  config: Pick<Config, 'MAIL_FROM' | 'BOUNCE_ADDRESS' | 'DKIM_DOMAIN' | 'SMTP_URL'>,
): string[] {
  if (!config.SMTP_URL) return []; // mail is caught locally: nothing leaves
  const envelope = domainOf(config.BOUNCE_ADDRESS ?? config.MAIL_FROM);
  if (!config.DKIM_DOMAIN)
    return [
      `Mail is sent unsigned: set DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE (docs/compliance.md); big mailbox providers reject or junk unsigned bulk mail`,
    ];
  const dkim = config.DKIM_DOMAIN.toLowerCase();
  if (!domainsAlign(envelope, dkim))
    return [
      `The envelope sender's domain (${envelope}, from ${config.BOUNCE_ADDRESS ? 'BOUNCE_ADDRESS' : 'MAIL_FROM'}) and the DKIM domain (${dkim}) do not align: DMARC will fail for mail signed this way (docs/compliance.md)`,
    ];
  return [];
}
