// The public booking page's side of a visitor's request: the signed confirmation link (the whole
// request rides in it, so nothing is stored before the email is confirmed) and its email.
import type { AppContext } from '../context.ts';
import type { Language, Location } from '../db/schema.ts';
import { createMailer } from '../delivery/email/mailer.ts';
import { formatInstantDay, formatInstantTime, localeFor } from '../i18n/format.ts';
import { pt } from '../i18n/portal-strings.ts';
import { verifyToken } from '../security/keys.ts';
import { linkSigner } from '../security/signed-links.ts';

export interface VisitorBooking {
  orgId: number;
  locationId: number;
  name: string;
  email: string;
  phone: string | null;
  language: Language;
  startsAt: Date;
  service: string | null;
}

const languageOf = (v: unknown): Language => (v === 'fr' || v === 'es' ? v : 'en');

export function visitorConfirmToken(ctx: AppContext, b: VisitorBooking, now: Date): string {
  return linkSigner(ctx.keys, () => now).sign('visitorBooking', {
    org: b.orgId,
    location: b.locationId,
    startsAt: Math.round(b.startsAt.getTime() / 60_000),
    name: b.name,
    email: b.email,
    phone: b.phone,
    language: b.language,
    service: b.service,
  });
}

export function readVisitorConfirmToken(ctx: AppContext, token: string, now: Date): VisitorBooking | null {
  const x = linkSigner(ctx.keys, () => now).verify('visitorBooking', token);
  if (!x) return legacyVisitorToken(ctx, token, now);
  if (x.org === null || x.location === null || x.startsAt === null || !x.name || !x.email) return null;
  return {
    orgId: x.org,
    locationId: x.location,
    name: x.name,
    email: x.email,
    phone: x.phone,
    language: languageOf(x.language),
    startsAt: new Date(x.startsAt * 60_000),
    service: x.service,
  };
}

// Confirmation links mailed before 2026-12-03 by the portal's own token module (JSON with
// p = 'vb', valid one day): still honoured until they expire; this path can go after 2026-12-05.
function legacyVisitorToken(ctx: AppContext, token: string, now: Date): VisitorBooking | null {
  if (!token.includes('.')) return null;
  const checked = verifyToken<Record<string, unknown>>(ctx.keys, token, now);
  if (!checked.ok || checked.payload.p !== 'vb') return null;
  const x = checked.payload;
  if (
    typeof x.o !== 'number' ||
    typeof x.l !== 'number' ||
    typeof x.n !== 'string' ||
    typeof x.e !== 'string'
  )
    return null;
  const startsAt = new Date(String(x.s));
  if (Number.isNaN(startsAt.getTime())) return null;
  return {
    orgId: x.o,
    locationId: x.l,
    name: x.n,
    email: x.e,
    phone: typeof x.ph === 'string' ? x.ph : null,
    language: languageOf(x.g),
    startsAt,
    service: typeof x.v === 'string' ? x.v : null,
  };
}

export function describeWhen(
  at: Date,
  location: Pick<Location, 'time_zone' | 'country'>,
  l: Language,
): string {
  const locale = localeFor(l, location.country);
  return `${formatInstantDay(at, location.time_zone, locale)}, ${formatInstantTime(at, location.time_zone, locale)}`;
}

export async function sendVisitorConfirmation(
  ctx: AppContext,
  location: Location,
  b: VisitorBooking,
  now: Date,
): Promise<void> {
  const business = location.business_name ?? location.name;
  const link = `${ctx.config.publicUrl}/book/confirm/${visitorConfirmToken(ctx, b, now)}`;
  const fromAddress = location.business_email ?? location.email;
  const mailer = createMailer(ctx.config, ctx.db);
  try {
    await mailer.send(
      {
        from: fromAddress ? { name: business, address: fromAddress } : ctx.config.MAIL_FROM,
        to: b.email,
        subject: pt(b.language, 'visitor_email_subject', { business }),
        text: pt(b.language, 'visitor_email_text', {
          name: b.name,
          business,
          link,
          when: describeWhen(b.startsAt, location, b.language),
        }),
        headers: { 'Content-Language': b.language },
      },
      location.org_id,
      location.id,
    );
  } finally {
    mailer.close();
  }
}
