// Signing in without a password. The form asks for an email and always answers the same page at
// once; the lookup and the email happen afterwards (background.ts), so whether the address is
// known shows neither in the answer nor in its time. The emailed one-time link opens a page with
// a button (mail scanners follow GETs and must not use it up); its POST uses it and signs in.
// Links carried by messages and postcards (signed, expiring) sign in on GET directly.
import { attemptWait, recordAttempt } from '../../accounts/attempt-limits.ts';
import { pt } from '../../i18n/portal-strings.ts';
import { runInBackground } from '../../portal/background.ts';
import { portalLanguage } from '../../portal/customer-scope.ts';
import { createPortalSession, endPortalSession } from '../../portal/portal-sessions.ts';
import { customerOfLink } from '../../portal/customer-links.ts';
import { issueSignInLinks, peekSignInLink, redeemSignInLink } from '../../portal/sign-in-links.ts';
import { formTokenValid } from '../public/form-csrf.ts';
import { portalRoute, type PortalCall } from './define.ts';
import { clearPortalCookie, setPortalCookie } from './session-cookie.ts';

const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}\.[^\s@<>"]{2,}$/;

const signInPage = (c: PortalCall, extra: Record<string, unknown> = {}, status = 200) => ({
  view: 'sign-in',
  title: pt(c.language, 'sign_in_title'),
  status,
  data: extra,
});

export const signInPageRoute = portalRoute({
  method: 'GET',
  path: '/portal/sign-in',
  signedIn: false,
  async handle(c) {
    const notice =
      c.query.expired !== undefined
        ? pt(c.language, 'link_expired')
        : c.query.out !== undefined
          ? pt(c.language, 'signed_out')
          : undefined;
    return signInPage(c, { notice });
  },
});

export const requestLinkRoute = portalRoute({
  method: 'POST',
  path: '/portal/sign-in',
  signedIn: false,
  async handle(c) {
    const email = typeof c.body.email === 'string' ? c.body.email.trim() : '';
    if (!formTokenValid(c.req, c.body._csrf))
      return signInPage(c, { email, error: pt(c.language, 'bad_form') }, 403);
    if (!EMAIL.test(email) || email.length > 254)
      return signInPage(c, { email, error: pt(c.language, 'email_required') }, 400);
    // 5 requests per address and 30 per IP in 15 minutes (accounts/attempt-limits.ts, shared by
    // every web process).
    if (await attemptWait(c.ctx.db, 'portal_link', c.req.ip, email, c.now))
      return signInPage(c, { email, error: pt(c.language, 'too_many') }, 429);
    await recordAttempt(c.ctx.db, 'portal_link', c.req.ip, email, c.now);
    const { ctx, now } = c;
    runInBackground(
      () => issueSignInLinks(ctx, email, now),
      (err) => c.req.log.error({ err }, 'portal sign-in link not sent'),
    );
    return {
      view: 'message',
      title: pt(c.language, 'link_sent_title'),
      data: { text: pt(c.language, 'link_sent', { email }) },
    };
  },
});

async function linkCustomer(c: PortalCall, orgId: number, customerId: number) {
  return c.ctx.db
    .selectFrom('customers')
    .innerJoin('locations', (j) =>
      j
        .onRef('locations.org_id', '=', 'customers.org_id')
        .onRef('locations.id', '=', 'customers.location_id'),
    )
    .select([
      'customers.language',
      'locations.language as location_language',
      'locations.business_name',
      'locations.name',
    ])
    .where('customers.org_id', '=', orgId)
    .where('customers.id', '=', customerId)
    .executeTakeFirst();
}

export const oneTimeLinkRoute = portalRoute({
  method: 'GET',
  path: '/portal/link/:token',
  signedIn: false,
  async handle(c) {
    const who = await peekSignInLink(c.ctx.db, c.params.token!, c.now);
    const customer = who && (await linkCustomer(c, who.orgId, who.customerId));
    if (!customer) return { redirect: '/portal/sign-in?expired' };
    c.language = portalLanguage(customer, { language: customer.location_language });
    const business = customer.business_name ?? customer.name;
    return {
      view: 'continue',
      title: pt(c.language, 'continue_title'),
      data: {
        business,
        text: pt(c.language, 'continue_text', { business }),
        button: pt(c.language, 'continue_button'),
        action: `/portal/link/${c.params.token}`,
      },
    };
  },
});

export const useOneTimeLinkRoute = portalRoute({
  method: 'POST',
  path: '/portal/link/:token',
  signedIn: false,
  async handle(c) {
    if (!formTokenValid(c.req, c.body._csrf)) return { redirect: `/portal/link/${c.params.token}` };
    const who = await redeemSignInLink(c.ctx.db, c.params.token!, c.now);
    if (!who) return { redirect: '/portal/sign-in?expired' };
    const session = await createPortalSession(c.ctx.db, who, c.now);
    setPortalCookie(c.reply, session.token, c.ctx.config.publicUrl);
    return { redirect: '/portal' };
  },
});

/** A message's or a postcard's link: signs in at once while it is valid; else the sign-in page. */
export const messageLinkRoute = portalRoute({
  method: 'GET',
  path: '/portal/go/*',
  signedIn: false,
  async handle(c) {
    const who = customerOfLink(c.ctx.keys, c.params.token!, c.now);
    if (!who) return { redirect: '/portal/sign-in?expired' };
    const customer = await linkCustomer(c, who.orgId, who.customerId);
    if (!customer) return { redirect: '/portal/sign-in?expired' };
    const session = await createPortalSession(c.ctx.db, who, c.now);
    setPortalCookie(c.reply, session.token, c.ctx.config.publicUrl);
    return { redirect: '/portal' };
  },
});

export const signOutRoute = portalRoute({
  method: 'POST',
  path: '/portal/sign-out',
  signedIn: true,
  async handle(c) {
    await endPortalSession(c.ctx.db, c.sessionToken);
    clearPortalCookie(c.reply);
    return { redirect: '/portal/sign-in?out' };
  },
});
