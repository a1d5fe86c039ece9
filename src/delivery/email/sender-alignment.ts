// DMARC alignment of the From address. Gmail, Yahoo and Outlook require bulk mail to pass DMARC:
// the From domain must align with the DKIM signing domain (DKIM_DOMAIN) or with the envelope
// sender's domain (BOUNCE_ADDRESS, else MAIL_FROM; SPF). A shop whose business email is on its own
// domain would fail, so its mail goes From our sending address, under the shop's name, with
// Reply-To the shop: replies still reach the shop, and the message passes DMARC.
// Alignment is DMARC's relaxed mode (src/domain/mail-domain.ts).
import type { Location } from '../../db/schema.ts';
import { domainOf, domainsAlign } from '../../domain/mail-domain.ts';

export { domainsAlign };

export interface AlignmentConfig {
  MAIL_FROM: string;
  BOUNCE_ADDRESS?: string;
  DKIM_DOMAIN?: string;
}

/** Whether mail From this address can pass DMARC with our DKIM signature or envelope sender. */
export function fromAligns(address: string, config: AlignmentConfig): boolean {
  const d = domainOf(address);
  const envelope = domainOf(config.BOUNCE_ADDRESS ?? config.MAIL_FROM);
  return (
    (config.DKIM_DOMAIN !== undefined && domainsAlign(d, config.DKIM_DOMAIN)) || domainsAlign(d, envelope)
  );
}

export interface Sender {
  from: { name: string; address: string };
  replyTo: string;
  /** The shop's own address is the From (its domain aligns). */
  shopAddressAsFrom: boolean;
}

export function senderFor(location: Location, config: AlignmentConfig): Sender {
  const name = location.business_name ?? location.name;
  const shop = location.business_email ?? location.email ?? null;
  if (shop && fromAligns(shop, config))
    return { from: { name, address: shop }, replyTo: shop, shopAddressAsFrom: true };
  return {
    from: { name, address: config.MAIL_FROM },
    replyTo: shop ?? config.MAIL_FROM,
    shopAddressAsFrom: false,
  };
}

/**
 * What is wrong with the installation's own sending address, said once at start: when MAIL_FROM
 * aligns with neither the DKIM domain nor the envelope sender, no message can pass DMARC.
 */
export function senderAlignmentProblem(config: AlignmentConfig): string | null {
  if (fromAligns(config.MAIL_FROM, config)) return null;
  const envelope = domainOf(config.BOUNCE_ADDRESS ?? config.MAIL_FROM);
  return (
    `MAIL_FROM ${config.MAIL_FROM} aligns with neither the DKIM domain (${config.DKIM_DOMAIN ?? 'none'}) ` +
    `nor the envelope sender's domain (${envelope}): mail will fail DMARC (docs/delivery.md, "Sending domains")`
  );
}
