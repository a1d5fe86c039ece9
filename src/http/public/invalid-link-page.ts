// The page for a link that is not valid (tampered, expired, or pointing at nothing): there is no
// customer to take the language from, so it follows the browser's Accept-Language.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { languageFromAcceptLanguage, t } from '../../i18n/delivery-strings.ts';
import { escapeHtml, page } from './page.ts';

export function sendInvalidLink(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const l = languageFromAcceptLanguage(req.headers['accept-language']);
  return reply
    .status(404)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-language', l)
    .header('vary', 'Accept-Language')
    .send(page(l, t(l, 'link_invalid_title'), `<p>${escapeHtml(t(l, 'unsub_invalid'))}</p>`));
}
