// The HTML a shop pastes into its own website to embed its public booking page (shown in the
// console's Online booking screen). The page allows framing by any site (frame-ancestors *) and
// needs no script; the iframe's title is what screen readers announce.
import type { Language, Location } from '../db/schema.ts';
import { escapeHtml } from '../delivery/templates/language.ts';
import { pt } from '../i18n/portal-strings.ts';

export function bookingUrl(
  publicUrl: string,
  location: Pick<Location, 'org_id' | 'code'>,
  language?: Language,
) {
  const base = `${publicUrl}/book/${location.org_id}/${encodeURIComponent(location.code)}`;
  return language ? `${base}?lang=${language}` : base;
}

export function bookingSnippet(
  publicUrl: string,
  location: Pick<Location, 'org_id' | 'code' | 'language'>,
  language: Language = location.language,
): string {
  return `<iframe src="${escapeHtml(bookingUrl(publicUrl, location, language))}" title="${escapeHtml(pt(language, 'embed_title'))}" style="width:100%;min-height:760px;border:0" loading="lazy"></iframe>`;
}
