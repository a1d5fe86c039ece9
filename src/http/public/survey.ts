// GET /s/:token[?rating=N] shows the survey form (the rating link from the email preselects N;
// a GET records nothing, since link scanners follow links); POST /s/:token records the answer.
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import { findSurveyTarget, recordSurveyAnswer } from '../../delivery/surveys/record-survey-answer.ts';
import { ratingLabels, t } from '../../i18n/delivery-strings.ts';
import { badRequest } from '../errors.ts';
import { escapeHtml, page } from './page.ts';

export async function surveyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(formbody);

  app.get<{ Params: { token: string }; Querystring: { rating?: string } }>('/s/:token', async (req, reply) => {
    const target = await findSurveyTarget(ctx.db, ctx.keys, req.params.token, ctx.now());
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    if (!target) return reply.status(404).send(page('en', 'Survey', `<p>${escapeHtml(t('en', 'unsub_invalid'))}</p>`));
    const l = target.language;
    const chosen = Number(req.query.rating ?? target.rating ?? 0);
    const labels = ratingLabels(l);
    const radios = [1, 2, 3, 4, 5]
      .map((r) => `<label><input type="radio" name="rating" value="${r}"${r === chosen ? ' checked' : ''} required> ${r} – ${escapeHtml(labels[r - 1]!)}</label>`)
      .join('<br>');
    return page(
      l,
      t(l, 'survey_title'),
      `<p>${escapeHtml(t(l, 'survey_question', { business: target.businessName }))}</p>
<form method="post" action="/s/${escapeHtml(req.params.token)}">${radios}
<p><label for="comment">${escapeHtml(t(l, 'survey_comment'))}</label><textarea id="comment" name="comment" maxlength="2000">${escapeHtml(target.comment ?? '')}</textarea></p>
<button type="submit">${escapeHtml(t(l, 'survey_button'))}</button></form>`,
    );
  });

  app.post<{ Params: { token: string }; Body: Record<string, string> | undefined }>('/s/:token', async (req, reply) => {
    const target = await findSurveyTarget(ctx.db, ctx.keys, req.params.token, ctx.now());
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    if (!target) return reply.status(404).send(page('en', 'Survey', `<p>${escapeHtml(t('en', 'unsub_invalid'))}</p>`));
    const rating = Number(req.body?.rating);
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw badRequest('rating must be a whole number from 1 to 5', 'rating');
    const comment = (req.body?.comment ?? '').trim().slice(0, 2000) || null;
    await recordSurveyAnswer(ctx.db, target, { rating, comment }, ctx.now());
    return page(target.language, t(target.language, 'survey_title'), `<p>${escapeHtml(t(target.language, 'survey_thanks'))}</p>`);
  });
}
