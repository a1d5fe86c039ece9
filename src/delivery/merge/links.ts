// Signed links carried by messages: unsubscribe, survey (with one link per rating), portal.
// Tokens carry only ids; they are long-lived because people open old email.
import { signToken, type Keys } from '../../security/keys.ts';

export interface LinkContext {
  publicUrl: string;
  keys: Keys;
  now: Date;
}

const YEARS = (n: number, from: Date) => new Date(from.getTime() + n * 365 * 86_400_000);

export interface UnsubscribeToken extends Record<string, unknown> {
  o: number;
  /** customer id, or null for a visitor */
  c: number | null;
  m: number | null;
  e?: string;
}

export function unsubscribeUrl(l: LinkContext, t: UnsubscribeToken): string {
  return `${l.publicUrl}/u/${signToken(l.keys, t, YEARS(5, l.now))}`;
}

export interface SurveyToken extends Record<string, unknown> {
  o: number;
  m: number;
  c: number;
}

export function surveyUrl(l: LinkContext, t: SurveyToken): string {
  return `${l.publicUrl}/s/${signToken(l.keys, t, YEARS(1, l.now))}`;
}

export function portalUrl(l: LinkContext): string {
  return `${l.publicUrl}/portal`;
}

export function tasksUrl(l: LinkContext): string {
  return `${l.publicUrl}/console/tasks`;
}

/** Only web and mail links may reach a template's href (no javascript: or data:). */
export function safeLink(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (/^mailto:[^\s<>"]+@[^\s<>"]+$/i.test(v)) return v;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(v) ? `mailto:${v}` : null;
  }
}
