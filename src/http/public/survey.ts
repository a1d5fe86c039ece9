// GET /s/:token[?rating=N] shows the survey form (the rating link from the email preselects N;
// a GET records nothing, since link scanners follow links); POST /s/:token records the answer.
// Every page is in the customer's language; an invalid link follows Accept-Language.
import formbody from '@fastify/formbody';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Language } from '../../domain/language.ts';
import {
  findSurveyTarget,
  recordSurveyAnswer,
  type SurveyTarget,
} from '../../delivery/surveys/record-survey-answer.ts';
import { ratingLabels, t } from '../../i18n/delivery-strings.ts';
import { sendInvalidLink } from './invalid-link-page.ts';
import { escapeHtml, page } from './page.ts';

export async function surveyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(formbody);

  app.get<{ Params: { token: string }; Querystring: { rating?: string } }>(
    '/s/:token',
    async (req, reply) => {
      const target = await findSurveyTarget(ctx.db, ctx.keys, req.params.token, ctx.now());
      if (!target) return sendInvalidLink(req, reply);
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-language', target.language);
      return surveyForm(target, req.params.token, {
        rating: Number(req.query.rating ?? target.rating ?? 0),
        comment: target.comment ?? '',
      });
    },
  );

  app.post<{ Params: { token: string }; Body: Record<string, string> | undefined }>(
    '/s/:token',
    async (req, reply) => {
      const target = await findSurveyTarget(ctx.db, ctx.keys, req.params.token, ctx.now());
      if (!target) return sendInvalidLink(req, reply);
      const l = target.language;
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-language', l);
      const rating = Number(req.body?.rating);
      const comment = (req.body?.comment ?? '').trim().slice(0, 2000);
      // No rating (or a forged one): the form again, with what is missing said in their language.
      if (!Number.isInteger(rating) || rating < 1 || rating > 5)
        return reply.status(400).send(
          surveyForm(target, req.params.token, {
            rating: 0,
            comment,
            error: t(l, 'survey_rating_required'),
          }),
        );
      await recordSurveyAnswer(ctx.db, target, { rating, comment: comment || null }, ctx.now());
      return page(l, t(l, 'survey_title'), `<p>${escapeHtml(t(l, 'survey_thanks'))}</p>`);
    },
  );
}

function surveyForm(
  target: SurveyTarget,
  token: string,
  state: { rating: number; comment: string; error?: string },
): string {
  const l: Language = target.language;
  const labels = ratingLabels(l);
  const radios = [1, 2, 3, 4, 5]
    .map(
      (r) =>
        `<label><input type="radio" name="rating" value="${r}"${r === state.rating ? ' checked' : ''} required> ${r} – ${escapeHtml(labels[r - 1]!)}</label>`,
    )
    .join('<br>');
  return page(
    l,
    t(l, 'survey_title'),
    `${state.error ? `<p role="alert"><strong>${escapeHtml(state.error)}</strong></p>` : ''}<p>${escapeHtml(t(l, 'survey_question', { business: target.businessName }))}</p>
<form method="post" action="/s/${escapeHtml(token)}">${radios}
<p><label for="comment">${escapeHtml(t(l, 'survey_comment'))}</label><textarea id="comment" name="comment" maxlength="2000">${escapeHtml(state.comment)}</textarea></p>
<button type="submit">${escapeHtml(t(l, 'survey_button'))}</button></form>`,
  );
}
