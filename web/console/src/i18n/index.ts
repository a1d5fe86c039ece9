// Every string of the console is a key in locales/<language>.json, formatted with ICU
// (plurals, numbers): i18next + i18next-icu + react-i18next.
import i18n from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';

export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export function browserLanguage(): Language {
  const stored = localStorage.getItem('relance.language');
  const wanted = stored ?? navigator.language.slice(0, 2);
  return (LANGUAGES as readonly string[]).includes(wanted) ? (wanted as Language) : 'en';
}

void i18n
  .use(ICU)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, fr: { translation: fr }, es: { translation: es } },
    lng: browserLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });

export default i18n;
