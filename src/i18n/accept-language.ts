// The reader's language from an Accept-Language header ("fr-CA,fr;q=0.9,en;q=0.8"): the
// supported language (en, fr, es) with the highest weight, else English.
import type { Language } from '../domain/language.ts';

export function pickLanguage(header: string | undefined): Language {
  if (!header) return 'en';
  let best: Language = 'en';
  let bestQ = 0;
  for (const part of header.slice(0, 500).split(',')) {
    const [tag = '', ...attrs] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    if (primary !== 'en' && primary !== 'fr' && primary !== 'es') continue;
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    if (Number.isFinite(q) && q > bestQ) {
      best = primary;
      bestQ = q;
    }
  }
  return best;
}
