// Signed links carried by messages: unsubscribe, survey (with one link per rating), portal.
// Tokens carry only ids, bound to their purpose (security/signed-links.ts); they are long-lived
// because people open old email.
import type { Keys } from '../../security/keys.ts';
import { linkSigner, type LinkPayload } from '../../security/signed-links.ts';

export interface LinkContext {
  publicUrl: string;
  keys: Keys;
  now: Date;
}

/** customer null: a visitor (not in the file), whose address is the message's recipient. */
export type UnsubscribeToken = LinkPayload<'unsubscribe'>;
export type SurveyToken = LinkPayload<'survey'>;

export function unsubscribeUrl(l: LinkContext, t: UnsubscribeToken): string {
  return `${l.publicUrl}/u/${linkSigner(l.keys, () => l.now).sign('unsubscribe', t)}`;
}

export function surveyUrl(l: LinkContext, t: SurveyToken): string {
  return `${l.publicUrl}/s/${linkSigner(l.keys, () => l.now).sign('survey', t)}`;
}

/** The portal; for a customer, a signed link that signs them in (60 days; a postcard's 120). */
export function portalUrl(
  l: LinkContext,
  who: { o: number; c: number | null } | null = null,
  purpose: 'message' | 'postcard' = 'message',
): string {
  if (!who || who.c === null) return `${l.publicUrl}/portal`;
  const token = linkSigner(l.keys, () => l.now).sign(
    purpose === 'postcard' ? 'portalPostcard' : 'portalMessage',
    { org: who.o, customer: who.c },
  );
  return `${l.publicUrl}/portal/go/${token}`;
}

export function tasksUrl(l: LinkContext): string {
  return `${l.publicUrl}/console/tasks`;
}

/** The console's appointment book, where a request is confirmed (P02). */
export function appointmentsUrl(l: LinkContext): string {
  return `${l.publicUrl}/console/appointments`;
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
