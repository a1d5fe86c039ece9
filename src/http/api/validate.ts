// Request validation with zod: the first problem becomes a 400 naming the field (or the
// unknown field), in the same error shape as everything else.
import type { z } from 'zod';
import { HttpError } from '../errors.ts';

type Where = 'body' | 'query' | 'path';

export function parseInput(schema: z.ZodType | undefined, value: unknown, where: Where): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const field = [...path, issue.keys[0]].join('.');
    return fail(new HttpError(400, 'unknown_field', `Unknown field "${field}" in the ${where}${issue.keys.length > 1 ? ` (and ${issue.keys.length - 1} more)` : ''}`, field));
  }
  const field = path.join('.');
  const message = field ? `${field}: ${issue.message}` : `The ${where === 'path' ? 'URL' : where}: ${issue.message}`;
  return fail(new HttpError(400, 'invalid_input', message, field || undefined));
}

function fail(err: HttpError): never {
  throw err;
}
