// The files of a batch: each card's postcard template rendered (the location's override, else
// ours) into one PDF, the same list as CSV, and the manifest. Rendering the same batch again
// (after a crash) gives the same cards in the same order (by message id).
import type { AppContext } from '../../context.ts';
import type { Customer } from '../../db/schema.ts';
import type { MessagePayload } from '../../domain/messages/payload.ts';
import { t } from '../../i18n/delivery-strings.ts';
import { buildMergeData, businessAddress } from '../merge/build-merge-data.ts';
import { portalUrl } from '../merge/links.ts';
import { key, overrideFor } from '../merge/load-send-context.ts';
import { renderTemplate } from '../templates/render-message.ts';
import type { ClaimedBatch } from './claim-postcard-batch.ts';
import { postcardsCsv, type PostcardRow } from './postcards-csv.ts';
import type { PrintBatch } from './print-vendor.ts';
import { renderPostcardsPdf, type PostcardCard } from './render-postcards-pdf.ts';

export async function buildPostcardBatch(ctx: AppContext, batch: ClaimedBatch): Promise<PrintBatch> {
  const now = ctx.now();
  const { sc } = batch;
  const links = { publicUrl: ctx.config.publicUrl, keys: ctx.keys, now };
  // Printed for typing by hand: the address without its scheme; the QR code signs in.
  const shortPortal = `${ctx.config.publicUrl.replace(/^https?:\/\//, '')}/portal`;
  const cards: PostcardCard[] = [];
  const rows: PostcardRow[] = [];
  const ids: number[] = [];
  for (const m of batch.messages) {
    const location = sc.locations.get(key(m.org_id, m.location_id))!;
    const customer = m.customer_id !== null ? sc.customers.get(key(m.org_id, m.customer_id)) : undefined;
    if (!customer) continue; // checked when the batch was made; only an erased customer gets here
    const data = buildMergeData(
      { message: m, language: m.language, location, customer, staff: null, surveys: [] },
      links,
    );
    const override = overrideFor(sc, m, 'postcard', m.language);
    const rendered = await renderTemplate(
      { kind: m.kind, channel: 'postcard', language: m.language, override },
      data,
    );
    const business = String(data.business_name);
    cards.push({
      headline: rendered.subject,
      businessName: business,
      // The card's contact (CASL, CAN-SPAM): the phone, else the email (identification needs one).
      phoneLine: data.business_phone
        ? t(m.language, 'postcard_call', { phone: String(data.business_phone) })
        : data.business_email
          ? t(m.language, 'postcard_write', { email: String(data.business_email) })
          : '',
      webLine: t(m.language, 'postcard_web', { url: shortPortal }),
      qrLink: portalUrl(links, { o: m.org_id, c: customer.id }, 'postcard'),
      text: rendered.text,
      to: addressLines(customer, location.country),
      from: [business, ...businessAddress(location).split(', ')],
    });
    const v = (m.payload as MessagePayload).vehicles?.[0];
    rows.push({
      message_id: m.id,
      kind: m.kind,
      language: m.language,
      mailing_name: customer.mailing_name,
      address_line1: customer.address_line1 ?? '',
      address_line2: customer.address_line2 ?? '',
      city: customer.city ?? '',
      region: customer.region ?? '',
      postal_code: customer.postal_code ?? '',
      country: customer.country ?? location.country,
      vehicle: v ? [v.year, v.make, v.model].filter(Boolean).join(' ') : '',
      plate: v?.plate ?? '',
      headline: rendered.subject,
      text: rendered.text,
    });
    ids.push(m.id);
  }
  const location = sc.locations.get(key(batch.orgId, batch.locationId));
  const name = location?.name ?? String(batch.locationId);
  const pdf = cards.length
    ? await renderPostcardsPdf(cards, { title: `Postcards ${name} ${batch.runOn}`, now })
    : Buffer.alloc(0);
  return {
    id: batch.id,
    pdf,
    csv: postcardsCsv(rows),
    manifest: {
      batch_id: batch.id,
      org_id: batch.orgId,
      location_id: batch.locationId,
      run_on: batch.runOn,
      cards: cards.length,
      return_address: location
        ? [String(location.business_name ?? location.name), ...businessAddress(location).split(', ')]
        : [],
      message_ids: ids,
    },
  };
}

// The country line only on a card mailed abroad (Canada Post and USPS: none on domestic mail).
export function addressLines(c: Customer, fromCountry: string | null): string[] {
  const cityLine = [c.city, c.region].filter(Boolean).join(' ') + (c.postal_code ? `  ${c.postal_code}` : '');
  const country =
    c.country && c.country.toUpperCase() !== (fromCountry ?? '').toUpperCase() ? c.country : null;
  return [c.mailing_name, c.address_line1, c.address_line2, cityLine.trim(), country].filter(
    (x): x is string => Boolean(x),
  );
}
