// A rendered postcard template as the printer gets it: one card (front and back, two PDF pages)
// with a sample customer's address and the location's front and return address (a made-up shop
// without one). Used by the console's template preview and `relance templates preview`.
import type { Location } from '../../db/schema.ts';
import type { Language } from '../../domain/language.ts';
import { t } from '../../i18n/delivery-strings.ts';
import { businessAddress } from '../merge/build-merge-data.ts';
import type { Rendered } from '../templates/compile.ts';
import { renderPostcardsPdf } from './render-postcards-pdf.ts';

export async function renderPostcardPreviewPdf(
  rendered: Pick<Rendered, 'subject' | 'text'>,
  options: { language: Language; location: Location | null; publicUrl: string; now: Date; title: string },
): Promise<Buffer> {
  const { location, language } = options;
  const business = location ? (location.business_name ?? location.name) : 'Garage Lévesque';
  const phone = location ? (location.business_phone ?? location.phone ?? '') : '514-555-0100';
  const from = location
    ? [business, ...businessAddress(location).split(', ')]
    : ['Garage Lévesque', '1200 rue Saint-Denis', 'Montréal QC  H2X 3J6'];
  return renderPostcardsPdf(
    [
      {
        headline: rendered.subject,
        businessName: business,
        phoneLine: t(language, 'postcard_call', { phone }),
        webLine: t(language, 'postcard_web', {
          url: `${options.publicUrl.replace(/\/$/, '').replace(/^https?:\/\//, '')}/portal`,
        }),
        text: rendered.text,
        to: ['Marie-Ève Lévesque', '45 avenue du Parc', 'Montréal QC  H2V 4E7'],
        from,
      },
    ],
    { title: options.title, now: options.now },
  );
}
