// Request validation with zod: the first problem becomes a 400 naming the field (or the
// unknown field), in the same error shape as everything else. For a French or Spanish reader
// the failed input is checked again with zod's own locale, so the detail is in their language
// (only on failure: valid requests pay nothing).
import { z } from 'zod';
import type { Language } from '../../domain/language.ts';
import { HttpError } from '../errors.ts';

type Where = 'body' | 'query' | 'path';

const LOCALES = { fr: z.locales.fr().localeError, es: z.locales.es().localeError };

export function parseInput(
  schema: z.ZodType | undefined,
  value: unknown,
  where: Where,
  language: Language = 'en',
): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const field = [...path, issue.keys[0]].join('.');
    return fail(
      new HttpError(
        400,
        'unknown_field',
        `Unknown field "${field}" in the ${where}${issue.keys.length > 1 ? ` (and ${issue.keys.length - 1} more)` : ''}`,
        field,
        { where },
      ),
    );
  }
  const field = path.join('.');
  const message = field
    ? `${field}: ${issue.message}`
    : `The ${where === 'path' ? 'URL' : where}: ${issue.message}`;
  const detail =
    language === 'en'
      ? issue.message
      : (schema.safeParse(value, { error: LOCALES[language] }).error?.issues[0]?.message ?? issue.message);
  return fail(new HttpError(400, 'invalid_input', message, field || undefined, { where, detail }));
}

function fail(err: HttpError): never {
  throw err;
}
