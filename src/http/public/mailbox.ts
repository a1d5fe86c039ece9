// GET /mailbox: the local mail catcher, for development only. It exists only while SMTP_URL is
// unset and NODE_ENV is not production, answers loopback clients only, and needs a signed-in
// account: the operator sees all caught mail; a staff user whose role may read messages sees
// the mail of the locations where it may, except mail addressed to another staff account. Mail of
// no location (a staff password reset; any mail caught before migration 0831, which has no
// location even when it was a customer's) is shown only to readers whose role holds at every
// location of the organization, and to the reader it is addressed to (a colleague's password reset link would be an account takeover). Without a session it shows a sign-in form (the same
// sign-in and limiter as POST /api/v1/session). /mailbox/:id shows one message: headers, text,
// and the HTML in a sandboxed frame.
import formbody from '@fastify/formbody';
import { sql } from 'kysely';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Language } from '../../domain/language.ts';
import { SESSION_COOKIE } from '../../accounts/sessions.ts';
import { sessionCookieOptions, signInWithPassword } from '../../accounts/sign-in.ts';
import { pickLanguage } from '../../i18n/accept-language.ts';
import { staffText } from '../../i18n/staff-strings.ts';
import { isLanguage } from '../../i18n/delivery-strings.ts';
import { authenticate } from '../api/auth.ts';
import { HttpError } from '../errors.ts';
import type { HttpState } from '../state.ts';
import { formPageHeaders, formTokenField, formTokenValid } from './form-csrf.ts';
import { escapeHtml, page } from './page.ts';

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

export interface Viewer {
  userId: number;
  /** null for the operator: every organization. */
  orgId: number | null;
  /** The locations where the reader may read messages (the operator: all). */
  locationIds: number[];
  /** The reader may read messages at every location of the organization. */
  orgWide: boolean;
  language: Language;
}

/** The signed-in reader, null when nobody is signed in; 403 when their role may not read messages. */
async function viewer(ctx: AppContext, req: FastifyRequest): Promise<Viewer | 'forbidden' | null> {
  if (!req.cookies[SESSION_COOKIE]) return null;
  try {
    const who = await authenticate(ctx, req, 'session', ctx.now());
    if (!who) return null;
    const language = isLanguage(who.language) ? who.language : 'en';
    if (who.scope.actor.type === 'operator')
      return { userId: who.scope.actor.id, orgId: null, locationIds: [], orgWide: true, language };
    // Caught mail is the content of the organization's messages: the same permission as the outbox,
    // at the same locations.
    const reader = await authenticate(ctx, req, 'messages.read', ctx.now());
    const locationIds = reader?.scope.locationIds ?? [];
    const elsewhere = await ctx.db
      .selectFrom('locations')
      .select('id')
      .where('org_id', '=', who.scope.orgId)
      .where(sql<boolean>`NOT (id = ANY(${sql.val(locationIds)}::bigint[]))`)
      .executeTakeFirst();
    return {
      userId: who.scope.actor.id,
      orgId: who.scope.orgId,
      locationIds,
      orgWide: !elsewhere,
      language,
    };
  } catch (err) {
    if (err instanceof HttpError && err.status === 401) return null;
    if (err instanceof HttpError && err.status === 403) return 'forbidden';
    throw err;
  }
}

/** Caught mail this reader may see: all for the operator; else the organization's, minus mail to other staff. */
function visibleMail(ctx: AppContext, v: Viewer) {
  let q = ctx.db.selectFrom('caught_mail');
  if (v.orgId !== null) {
    q = q
      .where('org_id', '=', v.orgId)
      .where(
        sql<boolean>`(caught_mail.location_id = ANY(${sql.val(v.locationIds)}::bigint[])
          OR (caught_mail.location_id IS NULL AND (${v.orgWide}
            OR EXISTS (SELECT 1 FROM users me WHERE me.id = ${v.userId}
                        AND lower(me.email) = ANY (SELECT lower(a) FROM unnest(caught_mail.envelope_to) a)))))`,
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('users')
              .select('users.id')
              .where('users.id', '<>', v.userId)
              .where(
                sql<boolean>`lower(users.email) = ANY (SELECT lower(a) FROM unnest(caught_mail.envelope_to) a)`,
              ),
          ),
        ),
      );
  }
  return q;
}

/** The mailbox exists only while mail is caught locally, and never in production. */
export function mailboxAvailable(config: AppContext['config']): boolean {
  return !config.SMTP_URL && config.NODE_ENV !== 'production';
}

/**
 * What the local catchers' pages (/mailbox, /texts) share: loopback only, a sign-in form posting to
 * `${base}/sign-in` (same sign-in and limiter as the API), and the reader or a refusal.
 */
export async function staffCatcherPages(
  app: FastifyInstance,
  ctx: AppContext,
  base: '/mailbox' | '/texts',
  titleKey: 'mailbox_title' | 'texts_title',
  introKey: 'signin_intro' | 'texts_signin_intro' = 'signin_intro',
): Promise<(req: FastifyRequest, reply: FastifyReply) => Promise<Viewer | null>> {
  await app.register(formbody, { bodyLimit: 16 * 1024 });

  // Loopback only, whoever asks: the catcher is a developer's tool, never a public page.
  app.addHook('onRequest', async (req, reply) => {
    if (!LOOPBACK.test(req.socket.remoteAddress ?? '')) {
      return reply
        .status(404)
        .send({ error: { code: 'not_found', message: 'The local catcher is served on loopback only' } });
    }
  });
  const signInPage = (req: FastifyRequest, reply: FastifyReply, language: Language, problem?: string) => {
    formPageHeaders(reply);
    return page(
      language,
      staffText(language, 'signin_title'),
      `<p>${escapeHtml(staffText(language, introKey))}</p>${problem ? `<p role="alert" style="color:#a00">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="${base}/sign-in">${formTokenField(req, reply, ctx.config.publicUrl)}
<p><label for="email">${escapeHtml(staffText(language, 'signin_email'))}</label><br><input id="email" name="email" type="email" autocomplete="username" required></p>
<p><label for="password">${escapeHtml(staffText(language, 'signin_password'))}</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<button type="submit">${escapeHtml(staffText(language, 'signin_button'))}</button></form>`,
    );
  };

  /** The reader, or the reply already sent (sign-in form or refusal). */
  const requireViewer = async (req: FastifyRequest, reply: FastifyReply): Promise<Viewer | null> => {
    const v = await viewer(ctx, req);
    const language = pickLanguage(req.headers['accept-language']);
    if (v === null) {
      await reply.status(401).send(signInPage(req, reply, language));
      return null;
    }
    if (v === 'forbidden') {
      await reply
        .status(403)
        .type('text/html; charset=utf-8')
        .send(
          page(
            language,
            staffText(language, titleKey),
            `<p>${escapeHtml(staffText(language, 'mailbox_forbidden'))}</p>`,
          ),
        );
      return null;
    }
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer');
    return v;
  };

  app.post<{ Body: Record<string, string | undefined> | undefined }>(
    `${base}/sign-in`,
    async (req, reply) => {
      const language = pickLanguage(req.headers['accept-language']);
      const form = req.body ?? {};
      if (!formTokenValid(req, form._csrf))
        return reply.status(403).send(signInPage(req, reply, language, staffText(language, 'form_expired')));
      const email = String(form.email ?? '')
        .trim()
        .slice(0, 320);
      const password = String(form.password ?? '').slice(0, 200);
      const result = await signInWithPassword(ctx, req.ip, email, password, ctx.now());
      if (!result.ok && result.reason === 'too_many_attempts') {
        reply.header('Retry-After', String(result.retryAfter));
        return reply
          .status(429)
          .send(
            signInPage(
              req,
              reply,
              language,
              staffText(language, 'signin_too_many', { seconds: result.retryAfter }),
            ),
          );
      }
      if (!result.ok)
        return reply.status(401).send(signInPage(req, reply, language, staffText(language, 'signin_failed')));
      reply.setCookie(
        SESSION_COOKIE,
        result.session.token,
        sessionCookieOptions(ctx.config.publicUrl, result.session.expiresAt),
      );
      return reply.redirect(base, 303);
    },
  );

  return requireViewer;
}

export async function mailboxRoutes(app: FastifyInstance, ctx: AppContext, _state: HttpState): Promise<void> {
  if (!mailboxAvailable(ctx.config)) return;
  const requireViewer = await staffCatcherPages(app, ctx, '/mailbox', 'mailbox_title');

  app.get('/mailbox', async (req, reply) => {
    const v = await requireViewer(req, reply);
    if (!v) return reply;
    const l = v.language;
    const rows = await visibleMail(ctx, v)
      .select(['org_id', 'id', 'envelope_to', 'subject', 'caught_at'])
      .orderBy('caught_at', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
    const list = rows
      .map(
        (r) =>
          `<tr><td>${escapeHtml(r.caught_at.toISOString().replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(r.envelope_to.join(', '))}</td><td><a href="/mailbox/${r.org_id}-${r.id}">${escapeHtml(r.subject || staffText(l, 'mailbox_no_subject'))}</a></td></tr>`,
      )
      .join('');
    return page(
      l,
      staffText(l, 'mailbox_title'),
      `<p>${escapeHtml(staffText(l, 'mailbox_intro'))} ${escapeHtml(staffText(l, v.orgId === null ? 'mailbox_scope_all' : 'mailbox_scope_org'))}</p>
<table><tr><th>${escapeHtml(staffText(l, 'mailbox_caught'))}</th><th>${escapeHtml(staffText(l, 'mailbox_to'))}</th><th>${escapeHtml(staffText(l, 'mailbox_subject'))}</th></tr>${list}</table>`,
    );
  });

  app.get<{ Params: { key: string } }>('/mailbox/:key', async (req, reply) => {
    const v = await requireViewer(req, reply);
    if (!v) return reply;
    const l = v.language;
    const [org, id] = req.params.key.split('-').map(Number);
    const m =
      Number.isSafeInteger(org) && Number.isSafeInteger(id)
        ? await visibleMail(ctx, v)
            .selectAll()
            .where('org_id', '=', org!)
            .where('id', '=', id!)
            .executeTakeFirst()
        : undefined;
    if (!m)
      return reply
        .status(404)
        .send(
          page(
            l,
            staffText(l, 'mailbox_title'),
            `<p>${escapeHtml(staffText(l, 'mailbox_not_found'))}</p><p><a href="/mailbox">${escapeHtml(staffText(l, 'mailbox_back'))}</a></p>`,
          ),
        );
    const headers = m.raw.slice(0, m.raw.search(/\r?\n\r?\n/));
    return page(
      l,
      m.subject || staffText(l, 'mailbox_no_subject'),
      `<p><a href="/mailbox">${escapeHtml(staffText(l, 'mailbox_back'))}</a></p>
<h2>HTML</h2><iframe sandbox style="width:100%;height:32rem;border:1px solid #ccc" srcdoc="${escapeHtml(m.html ?? '')}"></iframe>
<h2>${escapeHtml(staffText(l, 'mailbox_text'))}</h2><pre style="white-space:pre-wrap">${escapeHtml(m.text ?? '')}</pre>
<h2>${escapeHtml(staffText(l, 'mailbox_headers'))}</h2><pre style="white-space:pre-wrap;font-size:.8rem">${escapeHtml(headers)}</pre>`,
    );
  });
}
