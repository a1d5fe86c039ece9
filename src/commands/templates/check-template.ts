// What a template override must pass before it is saved (or previewed as a draft): known merge
// fields, safe markup (validateTemplate), and a compile within the time limit.
import { AppError } from '../../errors/app-error.ts';
import { checkFields, validateTemplate } from '../../delivery/templates/validate.ts';
import { parseTemplate } from '../../delivery/templates/language.ts';
import { textKinds } from '../../delivery/sms/text-templates.ts';

/** The longest text body (as the text preview): ten segments of GSM-7. */
export const MAX_TEXT_BODY = 1600;

/**
 * A text override (channel sms): a body only, for a kind sent by text, that parses and names
 * known merge fields (rendered as plain text: no markup to check).
 */
export function checkText(input: { kind: string; subject: string | null | undefined; body: string }) {
  if (!textKinds().includes(input.kind))
    throw new AppError(400, 'invalid_template', `${input.kind} is not sent by text`, 'kind');
  if (input.subject) throw new AppError(400, 'invalid_template', 'A text has no subject', 'subject');
  if (input.body.trim() === '') throw new AppError(400, 'invalid_template', 'The text is empty', 'body');
  if (input.body.length > MAX_TEXT_BODY)
    throw new AppError(400, 'invalid_template', `A text is at most ${MAX_TEXT_BODY} characters`, 'body');
  let problem: { name?: string; message: string } | null;
  try {
    problem = checkFields(parseTemplate(input.body));
  } catch (err) {
    throw new AppError(400, 'invalid_template', (err as Error).message, 'body');
  }
  if (problem)
    throw new AppError(
      400,
      problem.message.startsWith('Unknown merge field') ? 'unknown_merge_field' : 'invalid_template',
      problem.message,
      'body',
      problem.message.startsWith('Unknown merge field') ? { name: problem.name ?? '' } : undefined,
    );
}
import { TemplateTooComplexError } from '../../delivery/templates/email-compile-pool.ts';
import { renderSample } from '../../delivery/templates/preview.ts';

export function checkTemplate(input: {
  kind: string;
  channel: 'email' | 'postcard';
  subject: string | null | undefined;
  body: string;
}) {
  const result = validateTemplate(input);
  if (!result.ok)
    throw new AppError(
      400,
      result.unknownField ? 'unknown_merge_field' : 'invalid_template',
      result.message,
      result.field,
      // The unknown field's name, so the French and Spanish messages name it too.
      result.unknownField ? { name: result.unknownField } : undefined,
    );
}

/** A template past the compile time limit is refused (422) before it can reach a send worker. */
export const tooComplex = (err: TemplateTooComplexError) =>
  new AppError(422, 'template_too_complex', err.message, 'body');

export async function checkCompiles(input: {
  kind: string;
  channel: 'email' | 'postcard';
  language: 'en' | 'fr' | 'es';
  subject: string | null | undefined;
  body: string;
}) {
  try {
    await renderSample({ ...input, override: { subject: input.subject ?? null, body: input.body } });
  } catch (err) {
    if (err instanceof TemplateTooComplexError) throw tooComplex(err);
    // Anything else the preview reports; saving stays as lenient as it was.
  }
}
