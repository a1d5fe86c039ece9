// The public booking page of a location (/book/ORG/CODE), for visitors not in the file yet, made
// to be embedded in the shop's website (<iframe>, see docs/portal.md). Nothing reaches the shop
// until the visitor opens the link emailed to them. Abuse is kept out without a captcha: a signed
// form token (the form was served by us, recently, for this location), a honeypot field that
// people never see (filled = a bot: answered as if sent, nothing sent), and rate limits per IP
// and per address.
import { attemptWait, recordAttempt } from '../../accounts/attempt-limits.ts';
import type { Language, Location } from '../../db/schema.ts';
import { pt } from '../../i18n/portal-strings.ts';
import { pickLanguage } from '../../i18n/accept-language.ts';
import { bookVisitorRequest } from '../../commands/portal/book-visitor-request.ts';
import { mechanicsFreeAt } from '../../appointments/free-mechanic.ts';
import { scoped } from '../../tenancy/scoped.ts';
import { runInBackground } from '../../portal/background.ts';
import { isOverlap, PortalNotFound, SlotTaken } from '../../portal/errors.ts';
import { linkSigner } from '../../security/signed-links.ts';
import {
  describeWhen,
  readVisitorConfirmToken,
  sendVisitorConfirmation,
} from '../../portal/visitor-booking.ts';
import { formTokenValid } from '../public/form-csrf.ts';
import { idOf, portalRoute, type PortalCall } from './define.ts';
import { pickDay, slotsPage, startsAtOf } from './slots-page.ts';

const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}\.[^\s@<>"]{2,}$/;

async function findLocation(c: PortalCall): Promise<Location> {
  const orgId = idOf(c.params.orgId);
  const code = c.params.code;
  if (orgId === null || !code || code.length > 50) throw new PortalNotFound('Location');
  const location = await c.ctx.db
    .selectFrom('locations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!location) throw new PortalNotFound('Location');
  return location;
}

function visitorLanguage(c: PortalCall, location: Location): Language {
  const asked = c.query.lang ?? (c.body.lang as string | undefined);
  if (asked === 'en' || asked === 'fr' || asked === 'es') return asked;
  return c.req.headers['accept-language']
    ? pickLanguage(c.req.headers['accept-language'])
    : location.language;
}

type Visitor = { name: string; email: string; phone: string; service: string };

async function visitorPage(
  c: PortalCall,
  location: Location,
  state: { error?: string; visitor?: Visitor } = {},
  status = 200,
) {
  const l = (c.language = visitorLanguage(c, location));
  const business = location.business_name ?? location.name;
  const path = `/book/${location.org_id}/${encodeURIComponent(location.code)}`;
  const { date, today } = pickDay(c.query.date ?? (c.body.date as string | undefined), location, c.now);
  const slots = await slotsPage(c.ctx, location, l, {
    date,
    today,
    now: c.now,
    dayAction: path,
    postAction: path,
    keep: { lang: l },
  });
  const v = state.visitor ?? { name: '', email: '', phone: '', service: '' };
  return {
    view: 'book',
    title: pt(l, 'visitor_title', { business }),
    status,
    data: {
      ...slots,
      business,
      intro: pt(l, 'visitor_intro'),
      error: state.error,
      visitor: v,
      service: v.service,
      showService: true,
      formToken: linkSigner(c.ctx.keys, () => c.now).sign('bookingForm', { location: location.id }),
      submit: pt(l, 'book_send'),
    },
  };
}

export const visitorBookingPageRoute = portalRoute({
  method: 'GET',
  path: '/book/:orgId/:code',
  signedIn: false,
  embeddable: true,
  async handle(c) {
    return visitorPage(c, await findLocation(c));
  },
});

export const visitorBookingRoute = portalRoute({
  method: 'POST',
  path: '/book/:orgId/:code',
  signedIn: false,
  embeddable: true,
  async handle(c) {
    const location = await findLocation(c);
    const l = (c.language = visitorLanguage(c, location));
    const str = (name: string, max: number) =>
      typeof c.body[name] === 'string'
        ? (c.body[name] as string).replace(/\s+/g, ' ').trim().slice(0, max)
        : '';
    const visitor: Visitor = {
      name: str('name', 120),
      email: str('email', 254),
      phone: str('phone', 40),
      service: str('service', 200),
    };
    const form = linkSigner(c.ctx.keys, () => c.now).verify('bookingForm', String(c.body._form ?? ''));
    if (form?.location !== location.id)
      return visitorPage(c, location, { error: pt(l, 'bad_form'), visitor }, 403);
    const sent = {
      view: 'message',
      title: pt(l, 'visitor_sent_title'),
      data: {
        business: location.business_name ?? location.name,
        text: pt(l, 'visitor_sent', { email: visitor.email }),
      },
    };
    // A bot filled the field people never see: the same answer, nothing sent.
    if (typeof c.body.website === 'string' && c.body.website !== '') return sent;
    if (!visitor.name) return visitorPage(c, location, { error: pt(l, 'name_required'), visitor }, 400);
    if (!EMAIL.test(visitor.email))
      return visitorPage(c, location, { error: pt(l, 'email_required'), visitor }, 400);
    if (visitor.phone && !/^[+0-9 ().-]{3,40}$/.test(visitor.phone))
      return visitorPage(
        c,
        location,
        { error: pt(l, 'field_invalid', { field: pt(l, 'phone') }), visitor },
        400,
      );
    const startsAt = startsAtOf(c.body.starts_at);
    if (!startsAt) return visitorPage(c, location, { error: pt(l, 'slot_required'), visitor }, 400);
    // 3 requests per address and 10 per IP an hour (accounts/attempt-limits.ts).
    if (await attemptWait(c.ctx.db, 'visitor_booking', c.req.ip, visitor.email, c.now))
      return visitorPage(c, location, { error: pt(l, 'too_many'), visitor }, 429);
    await recordAttempt(c.ctx.db, 'visitor_booking', c.req.ip, visitor.email, c.now);
    const scope = {
      orgId: location.org_id,
      actor: { type: 'customer' as const, id: 0 },
      userId: null,
      locationIds: [location.id],
    };
    const free = await mechanicsFreeAt(scoped(c.ctx.db, scope), location, startsAt, c.now);
    if (free.mechanicIds.length === 0)
      return visitorPage(c, location, { error: pt(l, 'slot_taken'), visitor }, 409);
    const { ctx, now } = c;
    const booking = {
      orgId: location.org_id,
      locationId: location.id,
      name: visitor.name,
      email: visitor.email,
      phone: visitor.phone || null,
      language: l,
      startsAt,
      service: visitor.service || null,
    };
    runInBackground(
      () => sendVisitorConfirmation(ctx, location, booking, now),
      (err) => c.req.log.error({ err }, 'visitor confirmation not sent'),
    );
    return sent;
  },
});

async function confirmTarget(c: PortalCall) {
  const booking = readVisitorConfirmToken(c.ctx, c.params.token!, c.now);
  if (!booking) throw new PortalNotFound('Booking');
  const location = await c.ctx.db
    .selectFrom('locations')
    .selectAll()
    .where('org_id', '=', booking.orgId)
    .where('id', '=', booking.locationId)
    .executeTakeFirst();
  if (!location) throw new PortalNotFound('Location');
  c.language = booking.language;
  return { booking, location, business: location.business_name ?? location.name };
}

export const visitorConfirmPageRoute = portalRoute({
  method: 'GET',
  path: '/book/confirm/*',
  signedIn: false,
  async handle(c) {
    const { booking, location, business } = await confirmTarget(c);
    const l = c.language;
    return {
      view: 'continue',
      title: pt(l, 'visitor_confirm_title'),
      data: {
        business,
        text: pt(l, 'visitor_confirm_text', { business, when: describeWhen(booking.startsAt, location, l) }),
        button: pt(l, 'visitor_confirm_button'),
        action: `/book/confirm/${c.params.token}`,
      },
    };
  },
});

export const visitorConfirmRoute = portalRoute({
  method: 'POST',
  path: '/book/confirm/*',
  signedIn: false,
  async handle(c) {
    const { booking, location, business } = await confirmTarget(c);
    const l = c.language;
    if (!formTokenValid(c.req, c.body._csrf)) return { redirect: `/book/confirm/${c.params.token}` };
    try {
      await c.ctx.db
        .transaction()
        .execute((trx) =>
          bookVisitorRequest(trx, { orgId: booking.orgId, locationId: booking.locationId }, booking, c.now),
        );
    } catch (err) {
      if (err instanceof SlotTaken || isOverlap(err))
        return {
          view: 'message',
          title: pt(l, 'visitor_confirm_title'),
          status: 409,
          data: {
            business,
            text: pt(l, 'slot_taken'),
            back: `/book/${location.org_id}/${encodeURIComponent(location.code)}?lang=${l}`,
          },
        };
      throw err;
    }
    return {
      view: 'message',
      title: pt(l, 'visitor_confirm_title'),
      data: { business, text: pt(l, 'visitor_done', { business }) },
    };
  },
});
