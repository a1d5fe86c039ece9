// GET /u/:token shows a confirm page (link scanners only GET, so a GET changes nothing);
// POST /u/:token unsubscribes at once: the page's button, or a mail client's RFC 8058 one-click
// POST (body "List-Unsubscribe=One-Click"). No login.
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { findUnsubscribeTarget, unsubscribe } from '../../delivery/unsubscribe/unsubscribe-customer.ts';
import { t } from '../../i18n/delivery-strings.ts';
import { consentText } from '../../i18n/consent-strings.ts';
import { sendInvalidLink } from './invalid-link-page.ts';
import { escapeHtml, page } from './page.ts';

export async function unsubscribeRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(formbody);
  // Some mail providers send the one-click POST as multipart/form-data: its content is not needed.
  app.addContentTypeParser('multipart/form-data', (_req, payload, done) => {
    payload.resume();
    payload.on('end', () => done(null, {}));
  });

  app.get<{ Params: { token: string } }>('/u/:token', async (req, reply) => {
    const target = await findUnsubscribeTarget(ctx.db, ctx.keys, req.params.token, ctx.now());
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    if (!target) return sendInvalidLink(req, reply);
    const l = target.language;
    reply.header('content-language', l);
    if (target.alreadyUnsubscribed)
      return page(
        l,
        t(l, 'unsub_title'),
        `<p>${escapeHtml(t(l, 'unsub_done', { business: target.businessName }))}</p>`,
      );
    const question = t(l, 'unsub_question', { business: target.businessName, email: target.email ?? '' });
    return page(
      l,
      t(l, 'unsub_title'),
      `<p>${escapeHtml(question)}</p><form method="post" action="/u/${escapeHtml(req.params.token)}"><input type="hidden" name="confirm" value="yes"><button type="submit" name="choice" value="everything">${escapeHtml(t(l, 'unsub_button'))}</button>` +
        `<p>${escapeHtml(consentText(l, 'choice'))}</p><button type="submit" name="choice" value="marketing">${escapeHtml(consentText(l, 'marketing_button'))}</button></form>`,
    );
  });

  app.post<{ Params: { token: string }; Body: Record<string, string> | undefined }>(
    '/u/:token',
    async (req, reply) => {
      const target = await findUnsubscribeTarget(ctx.db, ctx.keys, req.params.token, ctx.now());
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (!target) return sendInvalidLink(req, reply);
      // One-click (RFC 8058) stops everything; the page's second button only marketing.
      const oneClick = req.body?.['List-Unsubscribe'] === 'One-Click';
      const choice = !oneClick && req.body?.['choice'] === 'marketing' ? 'marketing' : 'everything';
      await unsubscribe(
        ctx.db,
        target,
        oneClick ? 'list_unsubscribe' : 'unsubscribe_link',
        ctx.now(),
        choice,
      );
      const l = target.language;
      reply.header('content-language', l);
      const done =
        choice === 'marketing'
          ? consentText(l, 'marketing_done', { business: target.businessName })
          : t(l, 'unsub_done', { business: target.businessName });
      return page(l, t(l, 'unsub_title'), `<p>${escapeHtml(done)}</p>`);
    },
  );
}
