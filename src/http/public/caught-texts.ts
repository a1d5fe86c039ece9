// GET /texts: the local text catcher (caught_texts), for development only, like /mailbox for mail.
// Texts are caught for a location with no text provider switched on, in every environment but
// production, so the page exists whenever NODE_ENV is not production. Loopback only, signed in: the
// operator sees every caught text; a staff user whose role may read messages sees the texts of the
// locations where it may (a caught text always has its location). Sign-in and refusals are the
// mailbox's (staffCatcherPages).
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { staffText } from '../../i18n/staff-strings.ts';
import type { HttpState } from '../state.ts';
import { staffCatcherPages, type Viewer } from './mailbox.ts';
import { escapeHtml, page } from './page.ts';

/** The text catcher's page exists outside production (where texts without a provider are held). */
export function caughtTextsAvailable(config: AppContext['config']): boolean {
  return config.NODE_ENV !== 'production';
}

function visibleTexts(ctx: AppContext, v: Viewer) {
  let q = ctx.db
    .selectFrom('caught_texts')
    .leftJoin('locations', (j) =>
      j
        .onRef('locations.org_id', '=', 'caught_texts.org_id')
        .onRef('locations.id', '=', 'caught_texts.location_id'),
    );
  if (v.orgId !== null)
    q = q
      .where('caught_texts.org_id', '=', v.orgId)
      .where(sql<boolean>`caught_texts.location_id = ANY(${sql.val(v.locationIds)}::bigint[])`);
  return q;
}

export async function caughtTextsRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  _state: HttpState,
): Promise<void> {
  if (!caughtTextsAvailable(ctx.config)) return;
  const requireViewer = await staffCatcherPages(app, ctx, '/texts', 'texts_title', 'texts_signin_intro');

  app.get('/texts', async (req, reply) => {
    const v = await requireViewer(req, reply);
    if (!v) return reply;
    const l = v.language;
    const rows = await visibleTexts(ctx, v)
      .select([
        'caught_texts.id',
        'caught_texts.to_number',
        'caught_texts.body',
        'caught_texts.encoding',
        'caught_texts.segments',
        'caught_texts.caught_at',
        'locations.name as location_name',
      ])
      .orderBy('caught_texts.caught_at', 'desc')
      .orderBy('caught_texts.id', 'desc')
      .limit(200)
      .execute();
    const list = rows
      .map(
        (r) =>
          `<tr data-text="${r.id}"><td>${escapeHtml(r.caught_at.toISOString().replace('T', ' ').slice(0, 19))}</td><td>${escapeHtml(r.location_name ?? '')}</td><td>${escapeHtml(r.to_number)}</td><td style="white-space:pre-wrap">${escapeHtml(r.body)}</td><td>${escapeHtml(`${r.segments} · ${r.encoding}`)}</td></tr>`,
      )
      .join('');
    return page(
      l,
      staffText(l, 'texts_title'),
      `<p>${escapeHtml(staffText(l, 'texts_intro'))} ${escapeHtml(staffText(l, v.orgId === null ? 'texts_scope_all' : 'texts_scope_org'))}</p>
${
  rows.length
    ? `<table><tr><th>${escapeHtml(staffText(l, 'texts_caught'))}</th><th>${escapeHtml(staffText(l, 'texts_location'))}</th><th>${escapeHtml(staffText(l, 'texts_to'))}</th><th>${escapeHtml(staffText(l, 'texts_body'))}</th><th>${escapeHtml(staffText(l, 'texts_segments'))}</th></tr>${list}</table>`
    : `<p>${escapeHtml(staffText(l, 'texts_none'))}</p>`
}`,
    );
  });
}
