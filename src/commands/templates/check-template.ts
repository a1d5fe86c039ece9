// What a template override must pass before it is saved (or previewed as a draft): known merge
// fields, safe markup (validateTemplate), and a compile within the time limit.
import { AppError } from '../../errors/app-error.ts';
import { validateTemplate } from '../../delivery/templates/validate.ts';
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
