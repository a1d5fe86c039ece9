// GET /: what a newcomer who opens the service's address finds, in the browser's language:
// the staff console's sign-in, where the API reference is, and, while mail is caught locally, the mailbox
// (and, outside production, the texts caught locally).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { pickLanguage } from '../../i18n/accept-language.ts';
import { staffText } from '../../i18n/staff-strings.ts';
import { caughtTextsAvailable } from './caught-texts.ts';
import { mailboxAvailable } from './mailbox.ts';
import { escapeHtml, page } from './page.ts';

export async function homeRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const mailbox = mailboxAvailable(ctx.config);
  const texts = caughtTextsAvailable(ctx.config);
  app.get('/', async (req, reply) => {
    const l = pickLanguage(req.headers['accept-language']);
    const link = (href: string, text: string) => `<li><a href="${href}">${escapeHtml(text)}</a></li>`;
    const links = [
      link('/api/docs', staffText(l, 'home_api')),
      ...(mailbox ? [link('/mailbox', staffText(l, 'home_mailbox'))] : []),
      ...(texts ? [link('/texts', staffText(l, 'home_texts'))] : []),
      link('/health', staffText(l, 'home_health')),
    ];
    return reply
      .type('text/html; charset=utf-8')
      .header('content-language', l)
      .header('vary', 'Accept-Language')
      .send(
        page(
          l,
          staffText(l, 'home_title'),
          `<p><a class="button" href="/console/">${escapeHtml(staffText(l, 'home_sign_in'))}</a></p>` +
            `<p>${escapeHtml(staffText(l, 'home_intro'))}</p><ul>${links.join('')}</ul>`,
        ),
      );
  });
}
