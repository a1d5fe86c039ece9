// GET /mailbox: the local mail catcher (development only: exists only while SMTP_URL is unset).
// Lists caught mail; /mailbox/:id shows the headers, the text part and the HTML in a sandboxed frame.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { notFound } from '../errors.ts';
import { escapeHtml, page } from './page.ts';

export async function mailboxRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  if (ctx.config.SMTP_URL) return;

  app.get('/mailbox', async (_req, reply) => {
    const rows = await ctx.db
      .selectFrom('caught_mail')
      .select(['org_id', 'id', 'envelope_to', 'subject', 'caught_at'])
      .orderBy('caught_at', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
    const list = rows
      .map((r) => `<tr><td>${escapeHtml(r.caught_at.toISOString().replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(r.envelope_to.join(', '))}</td><td><a href="/mailbox/${r.org_id}-${r.id}">${escapeHtml(r.subject || '(no subject)')}</a></td></tr>`)
      .join('');
    reply.type('text/html; charset=utf-8');
    return page('en', 'Mailbox (mail caught locally)', `<p>No SMTP_URL is set, so mail is kept here instead of being sent.</p><table><tr><th>caught</th><th>to</th><th>subject</th></tr>${list}</table>`);
  });

  app.get<{ Params: { key: string } }>('/mailbox/:key', async (req, reply) => {
    const [org, id] = req.params.key.split('-').map(Number);
    if (!Number.isSafeInteger(org) || !Number.isSafeInteger(id)) throw notFound('Message');
    const m = await ctx.db.selectFrom('caught_mail').selectAll().where('org_id', '=', org!).where('id', '=', id!).executeTakeFirst();
    if (!m) throw notFound('Message');
    const headers = m.raw.slice(0, m.raw.search(/\r?\n\r?\n/));
    reply.type('text/html; charset=utf-8');
    return page(
      'en',
      m.subject || '(no subject)',
      `<p><a href="/mailbox">← Mailbox</a></p>
<h2>HTML</h2><iframe sandbox style="width:100%;height:32rem;border:1px solid #ccc" srcdoc="${escapeHtml(m.html ?? '')}"></iframe>
<h2>Text</h2><pre style="white-space:pre-wrap">${escapeHtml(m.text ?? '')}</pre>
<h2>Headers</h2><pre style="white-space:pre-wrap;font-size:.8rem">${escapeHtml(headers)}</pre>`,
    );
  });
}
