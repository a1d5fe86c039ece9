// GET /reset-password?token=… shows the form to choose a new password, in the user's language
// (a GET changes nothing: mail scanners open links); POST /reset-password sets it with the same
// one-use logic as POST /api/v1/password-reset/confirm (sessions closed, audit entry). The form is
// CSRF-protected (double-submit), the page is never cached, framed or sent as a referrer.
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.ts';
import type { Language } from '../../domain/language.ts';
import { findResetUser, resetPassword } from '../../accounts/password-reset.ts';
import { staffText, type StaffStringKey } from '../../i18n/staff-strings.ts';
import { pickLanguage } from '../../i18n/accept-language.ts';
import { HttpError } from '../errors.ts';
import { formPageHeaders, formTokenField, formTokenValid } from './form-csrf.ts';
import { escapeHtml, page } from './page.ts';

type Form = Record<string, string | undefined> | undefined;

export async function resetPasswordRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(formbody, { bodyLimit: 16 * 1024 });

  const showForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    language: Language,
    token: string,
    error?: StaffStringKey,
  ) =>
    page(
      language,
      staffText(language, 'reset_title'),
      `${error ? `<p role="alert" style="color:#a00">${escapeHtml(staffText(language, error))}</p>` : ''}
<form method="post" action="/reset-password">${formTokenField(request, reply, ctx.config.publicUrl)}
<input type="hidden" name="token" value="${escapeHtml(token)}">
<p><label for="password">${escapeHtml(staffText(language, 'reset_password'))}</label><br><input id="password" name="password" type="password" autocomplete="new-password" minlength="10" maxlength="200" required></p>
<p><label for="confirm">${escapeHtml(staffText(language, 'reset_confirm'))}</label><br><input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="10" maxlength="200" required></p>
<button type="submit">${escapeHtml(staffText(language, 'reset_button'))}</button></form>`,
    );
  const message = (language: Language, key: StaffStringKey) =>
    page(language, staffText(language, 'reset_title'), `<p>${escapeHtml(staffText(language, key))}</p>`);

  app.get<{ Querystring: { token?: string } }>('/reset-password', async (req, reply) => {
    formPageHeaders(reply);
    const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 200) : '';
    const user = token ? await findResetUser(ctx.db, token, ctx.now()) : null;
    if (!user?.usable)
      return reply
        .status(404)
        .send(message(user?.language ?? pickLanguage(req.headers['accept-language']), 'reset_invalid'));
    return showForm(req, reply, user.language, token);
  });

  app.post<{ Body: Form }>('/reset-password', async (req, reply) => {
    formPageHeaders(reply);
    const form = req.body ?? {};
    const token = typeof form.token === 'string' ? form.token.slice(0, 200) : '';
    const user = token ? await findResetUser(ctx.db, token, ctx.now()) : null;
    if (!user?.usable)
      return reply
        .status(400)
        .send(message(user?.language ?? pickLanguage(req.headers['accept-language']), 'reset_invalid'));
    const l = user.language;
    if (!formTokenValid(req, form._csrf)) return reply.status(403).send(message(l, 'form_expired'));
    const password = typeof form.password === 'string' ? form.password : '';
    const problem: StaffStringKey | null =
      password.length < 10
        ? 'reset_too_short'
        : password.length > 200
          ? 'reset_too_long'
          : password !== form.confirm
            ? 'reset_mismatch'
            : null;
    if (problem) return reply.status(400).send(showForm(req, reply, l, token, problem));
    try {
      await resetPassword(ctx, token, password, ctx.now());
    } catch (err) {
      // Used or expired between the check and now (a second tab): same answer as a bad link.
      if (err instanceof HttpError && err.code === 'invalid_token')
        return reply.status(400).send(message(l, 'reset_invalid'));
      throw err;
    }
    return message(l, 'reset_done');
  });
}
