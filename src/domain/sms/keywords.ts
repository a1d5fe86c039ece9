// What a text from a customer asks, when it is one of the keywords carriers and the law give a
// meaning to: stop (CTIA / TCPA opt-out words, with the French and Spanish ones), start (resume),
// help (who is texting), and confirm (the answer to an appointment reminder: "C", or the word for
// confirm in the customer's language). Anything else is a reply for staff.
import type { Language } from '../language.ts';

export type TextIntent = 'stop' | 'start' | 'help' | 'confirm';

/**
 * The sms_opt_outs keyword of a number the provider could not deliver to (failed, undelivered):
 * not a word the customer texted, so lower case. Nothing more is texted to it from the location
 * until it texts START (which proves it reachable) or the customer's mobile number changes.
 */
export const UNDELIVERABLE = 'undeliverable';

const STOP = new Set([
  'STOP',
  'STOPALL',
  'ARRET',
  'ARRÊT',
  'ALTO',
  'QUIT',
  'END',
  'REVOKE',
  'OPT OUT',
  'OPTOUT',
  'CANCEL',
  'UNSUBSCRIBE',
]);
const START = new Set(['START', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO', 'AIDE', 'AYUDA']);
export const CONFIRM_WORDS: Record<Language, string> = { en: 'CONFIRM', fr: 'CONFIRMER', es: 'CONFIRMAR' };

/** The keyword a whole text is (case, spaces and end punctuation aside), or null. */
export function textIntent(body: string, language: Language | null = null): TextIntent | null {
  const word = body
    .trim()
    .replace(/[.!?¡¿,;:]+$/u, '')
    .replace(/^[¡¿]+/u, '')
    .replace(/\s+/g, ' ')
    .toUpperCase();
  if (STOP.has(word)) return 'stop';
  if (START.has(word)) return 'start';
  if (HELP.has(word)) return 'help';
  if (word === 'C') return 'confirm';
  // Any language's word confirms, the customer's first (a customer may answer in another).
  if (language && word === CONFIRM_WORDS[language]) return 'confirm';
  if (Object.values(CONFIRM_WORDS).includes(word)) return 'confirm';
  return null;
}
