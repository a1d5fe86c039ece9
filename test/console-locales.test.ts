// The console's strings: every key in all three languages, and every string valid ICU (i18next-icu
// formats them: `{name}` and `{count, plural, …}`; an i18next-style `{{name}}` or a `_one`/`_other`
// key would show raw on screen).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '..', 'web', 'console', 'src', 'i18n', 'locales');
const LANGUAGES = ['en', 'fr', 'es'] as const;

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

const strings = Object.fromEntries(
  LANGUAGES.map((l) => [l, flatten(JSON.parse(readFileSync(join(dir, `${l}.json`), 'utf8')))]),
) as Record<(typeof LANGUAGES)[number], Map<string, string>>;

describe('console strings', () => {
  it('has every key in English, French and Spanish', () => {
    const all = new Set(LANGUAGES.flatMap((l) => [...strings[l].keys()]));
    for (const l of LANGUAGES)
      expect(
        [...all].filter((k) => !strings[l].has(k)),
        l,
      ).toEqual([]);
  });

  it('writes every string in ICU, not i18next interpolation or plural keys', () => {
    for (const l of LANGUAGES) {
      const bad: string[] = [];
      for (const [k, v] of strings[l]) {
        if (/_(one|other|zero|few|many)$/.test(k) || v.includes('{{')) bad.push(k);
        else
          try {
            new IntlMessageFormat(v, l);
          } catch {
            bad.push(k);
          }
      }
      expect(bad, l).toEqual([]);
    }
  });
});
