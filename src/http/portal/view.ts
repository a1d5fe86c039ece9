// Portal pages are eta templates (views/*.eta): every <%= %> is HTML-escaped by eta itself, so
// customer data never reaches the page unescaped; <%~ %> is used only for our own fragments
// (the CSRF field, a nested view). Compiled once, cached.
import { join } from 'node:path';
import { Eta } from 'eta';
import type { Language } from '../../db/schema.ts';
import { portalStrings, LANGUAGE_NAMES } from '../../i18n/portal-strings.ts';

const eta = new Eta({
  views: join(import.meta.dirname, 'views'),
  autoEscape: true,
  cache: true,
  autoTrim: [false, 'nl'],
});

export interface ViewData {
  language: Language;
  title: string;
  /** Signed in: the menu and the sign-out form are shown. */
  signedIn: boolean;
  csrf: string;
  [key: string]: unknown;
}

export function renderView(view: string, data: ViewData): string {
  return eta.render(view, { ...data, s: portalStrings(data.language), languages: LANGUAGE_NAMES });
}
