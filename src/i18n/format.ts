// Dates and times for messages: in the location's time zone, in the reader's language (Intl).
import type { Language } from '../domain/language.ts';

const STYLES = {
  day: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  time: { hour: 'numeric', minute: '2-digit' },
  isoDay: { year: 'numeric', month: '2-digit', day: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

// Formatters are costly to build (tens of µs) and every message formats dates: one per style,
// locale and zone, keyed by a plain string.
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(style: keyof typeof STYLES, locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${locale}|${timeZone}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...STYLES[style], timeZone });
    cache.set(key, f);
  }
  return f;
}

// A send formats the same few calendar days over and over (a day's messages share their dates):
// the formatted text is kept, up to a bound.
const days = new Map<string, string>();
const DAYS_KEPT = 10_000;

/** 'fr' + 'CA' → 'fr-CA' (Canadian French conventions); falls back to the bare language. */
const locales = new Map<string, string>();

export function localeFor(language: Language, country?: string | null): string {
  const k = `${language}|${country ?? ''}`;
  let locale = locales.get(k);
  if (locale === undefined) {
    const tag = country && /^[A-Z]{2}$/i.test(country) ? `${language}-${country.toUpperCase()}` : null;
    locale = tag && Intl.DateTimeFormat.supportedLocalesOf([tag]).length ? tag : language;
    locales.set(k, locale);
  }
  return locale;
}

/** A calendar date 'YYYY-MM-DD' (no time zone), e.g. "Tuesday, March 3, 2026" / "mardi 3 mars 2026". */
export function formatDay(day: string, locale: string): string {
  const key = `${locale}|${day}`;
  let text = days.get(key);
  if (text === undefined) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    text = formatter('day', locale, 'UTC').format(new Date(Date.UTC(y, m - 1, d)));
    if (days.size >= DAYS_KEPT) days.clear();
    days.set(key, text);
  }
  return text;
}

/** An instant as a date in the given zone. */
export function formatInstantDay(instant: Date | string, timeZone: string, locale: string): string {
  return formatter('day', locale, timeZone).format(new Date(instant));
}

/** An instant as a time of day in the given zone, e.g. "9:30 a.m." / "09 h 30" / "9:30". */
export function formatInstantTime(instant: Date | string, timeZone: string, locale: string): string {
  return formatter('time', locale, timeZone).format(new Date(instant));
}

/** The calendar date of an instant in a zone, as 'YYYY-MM-DD'. */
export function localDay(instant: Date, timeZone: string): string {
  return formatter('isoDay', 'en-CA', timeZone).format(instant);
}
